from django.urls import path

from govit.systems.views import catalogue, decisions, docking

urlpatterns = [
    path("", catalogue.system_list, name="system-list"),
    path("new/", catalogue.system_create, name="system-create"),
    path("export.xlsx", catalogue.system_export, name="system-export"),
    path("import/", catalogue.system_import, name="system-import"),
    path("import/template.xlsx", catalogue.import_template, name="system-import-template"),
    path("proposals/", decisions.proposal_list, name="system-proposals"),
    path("proposals/scan/", decisions.proposals_scan, name="system-proposals-scan"),
    path(
        "proposals/<int:pk>/<slug:verdict>/",
        decisions.proposal_decide,
        name="system-proposal-decide",
    ),
    path("dispositions/", decisions.disposition_list, name="system-dispositions"),
    path(
        "dispositions/<int:pk>/progress/",
        decisions.disposition_progress,
        name="system-disposition-progress",
    ),
    path("<int:pk>/", catalogue.system_detail, name="system-detail"),
    path("<int:pk>/edit/", catalogue.system_edit, name="system-edit"),
    path("<int:pk>/docking/new/", docking.docking_create, name="system-docking-create"),
    path("docking/<int:pk>/confirm/", docking.docking_confirm, name="system-docking-confirm"),
    path("docking/<int:pk>/end/", docking.docking_end, name="system-docking-end"),
    path("docking/<int:pk>/evidence/", docking.docking_evidence, name="system-docking-evidence"),
    path("<int:pk>/dispose/", decisions.disposition_create, name="system-dispose"),
]
