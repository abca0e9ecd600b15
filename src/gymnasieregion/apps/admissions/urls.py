"""Pages of the admission year, by audience: applicants, counsellors, schools and
municipalities, the office.

Each audience's views module keeps its own `urlpatterns`; they share the namespace
`admissions`.
"""

from gymnasieregion.apps.admissions.views import applicant, counsellor, office, school

app_name = "admissions"
urlpatterns = [
    *applicant.urlpatterns,
    *counsellor.urlpatterns,
    *school.urlpatterns,
    *office.urlpatterns,
]
