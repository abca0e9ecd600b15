"""Study counsellors (SYV): their pupils' applications, missing grades, and who has not applied.

Paths under /syv/. A pupil's application and letter open read-only, as the pupil sees
them, through the pupil card and the letter pages (each read logged).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_GET

from gymnasieregion.apps.accounts.access import access_permission
from gymnasieregion.apps.admissions.counsellor import VIEW_SCHOOL, counsellor_pupils
from gymnasieregion.apps.admissions.selectors import admission_year_latest, published_run_latest


@login_required
@require_GET
def pupils(request: HttpRequest) -> HttpResponse:
    access_permission(request.user, VIEW_SCHOOL)
    year = admission_year_latest()
    if year is None:
        return TemplateResponse(request, "admissions/office/no_year.html")
    run = published_run_latest(year=year)
    overview = counsellor_pupils(actor=request.user, year=year, run=run, today=timezone.localdate())
    return TemplateResponse(
        request, "admissions/counsellor/pupils.html", {"year": year, "overview": overview}
    )


urlpatterns: list[URLPattern] = [path("syv/", pupils, name="counsellor_pupils")]
