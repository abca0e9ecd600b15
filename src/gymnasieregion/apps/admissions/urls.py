"""Pages of the admission year, by audience: applicants, schools and municipalities, the office.

Each audience's views module keeps its own `urlpatterns`; they share the namespace
`admissions`.
"""

from gymnasieregion.apps.admissions.views import applicant, office, school

app_name = "admissions"
urlpatterns = [*applicant.urlpatterns, *school.urlpatterns, *office.urlpatterns]
