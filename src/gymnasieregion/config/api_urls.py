"""REST API v1. Every endpoint is scoped to the caller; see docs/reference/openapi.yaml."""

from django.urls import path

from gymnasieregion.apps.accounts.api.v1 import views as accounts
from gymnasieregion.apps.admissions.api.v1 import applicant as admissions_applicant
from gymnasieregion.apps.admissions.api.v1 import office as admissions_office
from gymnasieregion.apps.admissions.api.v1 import school as admissions_school
from gymnasieregion.apps.applicants.api.v1 import views as applicants
from gymnasieregion.apps.audit.api.v1 import views as audit
from gymnasieregion.apps.catalogue.api.v1 import views as catalogue
from gymnasieregion.apps.fees.api.v1 import views as fees
from gymnasieregion.apps.organisations.api.v1 import views as organisations

app_name = "api"
urlpatterns = [
    path("me/", accounts.me, name="me"),
    path("organisations/", organisations.organisations, name="organisations"),
    path("organisations/<int:pk>/", organisations.organisation, name="organisation"),
    path("fees/<int:year>/", fees.fee_year, name="fee-year"),
    path("budget/<int:plan_year>/check/", fees.budget_check, name="budget-check"),
    path("audit-events/", audit.audit_events, name="audit-events"),
    path("admission-years/", catalogue.admission_years, name="admission-years"),
    path("offerings/", catalogue.offerings, name="offerings"),
    path("offerings/import/", catalogue.offerings_import, name="offerings-import"),
    path("offerings/<int:pk>/", catalogue.offering, name="offering"),
    path("cutoffs/", catalogue.cutoffs, name="cutoffs"),
    path("persons/", applicants.persons, name="persons"),
    path("persons/<int:pk>/", applicants.person_card, name="person-card"),
    *admissions_applicant.urlpatterns,
    *admissions_school.urlpatterns,
    *admissions_office.urlpatterns,
]
