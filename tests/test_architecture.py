"""The rings of the architecture guide (§2), checked on the real import graph.

import-linter (`make test`) keeps `core` free of Django; this test keeps the apps
apart: an app may use another app's `models`, `services` and `selectors` only (and
the access helpers of `accounts`, the admission calendar of `catalogue`, and the demo
builders that compose the demo region), never its views, forms, API or mappers.
"""

import sys

import grimp

ALLOWED_ACROSS_APPS = {"models", "services", "selectors", "access", "calendar", "demo"}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "apps" else None


def test_apps_use_only_models_services_and_selectors_of_other_apps():
    graph = grimp.build_graph("gymnasieregion")
    wrong = []
    for importer in graph.modules:
        source = app_of(importer)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            target = app_of(imported)
            if target and target != source and imported.split(".")[3] not in ALLOWED_ACROSS_APPS:
                wrong.append(f"{importer} → {imported}")
    assert wrong == []


def test_the_core_ring_imports_nothing_outside_itself_and_the_standard_library():
    graph = grimp.build_graph("gymnasieregion", include_external_packages=True)
    allowed_external = {"stdnum"}
    wrong = []
    for importer in graph.find_children("gymnasieregion.core") | graph.find_descendants(
        "gymnasieregion.core"
    ):
        for imported in graph.find_modules_directly_imported_by(importer):
            top = imported.split(".")[0]
            outer = imported.startswith("gymnasieregion.") and not imported.startswith(
                "gymnasieregion.core"
            )
            foreign = top not in {"gymnasieregion", *allowed_external, *sys.stdlib_module_names}
            if outer or foreign:
                wrong.append(f"{importer} → {imported}")
    assert wrong == []
