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


def test_tasks_import_no_service_at_module_level_and_every_task_import_resolves():
    """tasks.py ↔ services was a cycle hidden by lazy imports in the services; now services
    never import tasks.py (import-linter, contract "tasks") and tasks.py imports its services
    only inside each task, so importing tasks.py pulls in no service."""
    import ast
    import importlib

    tree = ast.parse((APP / "tasks.py").read_text(encoding="utf-8"))
    top_level = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert [name for name in top_level if ".services" in name or ".selectors" in name] == []
    inner = [
        (node.module, alias.name)
        for function in tree.body
        if isinstance(function, ast.FunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]
    assert inner, "the tasks call their services"
    for module, name in inner:
        assert hasattr(importlib.import_module(module), name), f"{module}.{name}"


# The reference folder beside the checkout and this machine's work folder, spelled in parts so
# that this file itself names neither.
OUTSIDE = ("/".join(("..", "shared")), "/".join(("", "work", "")))
SKIPPED = {".git", ".venv", "var", "node_modules", "__pycache__", ".ruff_cache", ".hypothesis"}


def test_the_repository_names_no_path_outside_itself():
    """A clone stands alone: no code, test, document or configuration reads or names a file
    beside the checkout (what the tests need is in tests/fixtures/)."""
    offenders = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & SKIPPED or not path.is_file() or path.suffix in {".mo", ".png"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{path.relative_to(ROOT)}: {word}" for word in OUTSIDE if word in text]
    assert offenders == []
