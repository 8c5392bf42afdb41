"""The floor plan: procurement/ is arranged by subject, and tests mirror it.

At procurement/'s top level only __init__.py, apps.py and tasks.py are modules; everything else
sits in a package (a subject, or models/, admin/, management/, templatetags/, migrations/).
The direction between the subjects is checked by import-linter ([tool.importlinter] in
pyproject.toml), which `make test` runs.
"""

from pathlib import Path

import procurement

APP = Path(procurement.__file__).resolve().parent
ROOT = APP.parent
TOP_LEVEL_MODULES = {"__init__.py", "apps.py", "tasks.py"}
SUBJECTS = {"core", "foi", "awards", "review", "accounts", "documents", "ocds", "redflags"}
SUBJECTS |= {"authorities"}
SUBJECTS |= {"api", "demo"}


def test_no_module_at_the_apps_top_level_but_apps_and_tasks():
    loose = sorted(path.name for path in APP.glob("*.py") if path.name not in TOP_LEVEL_MODULES)
    assert loose == [], f"move these into a subject package: {loose}"


def test_every_folder_of_python_code_is_a_package():
    missing = sorted(
        str(folder.relative_to(ROOT))
        for folder in [APP, *APP.rglob("*"), *(ROOT / "tests").rglob("*")]
        if folder.is_dir()
        and folder.name not in {"__pycache__", "timeshift"}  # timeshift: a sitecustomize dir
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    )
    # Test modules share basenames across folders (test_pages.py): each folder is a package.
    assert missing == []


def test_every_subject_is_a_package_and_has_its_tests():
    for subject in sorted(SUBJECTS):
        assert (APP / subject / "__init__.py").is_file(), subject
        assert any((ROOT / "tests" / subject).glob("test_*.py")), f"tests/{subject}/ has no tests"


def test_the_old_layers_are_gone():
    old = ["services", "selectors", "views", "reference"]
    assert [name for name in old if (APP / name).exists() and any((APP / name).glob("*.py"))] == []
