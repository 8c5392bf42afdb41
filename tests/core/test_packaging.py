"""The production image: it installs the runtime lock only, never a development tool, and
copies neither secrets nor local state; `make lock` keeps both locks, `make install` both."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The tools the issue names, whatever pyproject.toml calls its extras.
NAMED_DEV_TOOLS = {"pytest", "playwright", "ruff", "hypothesis", "pip-tools", "import-linter"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str:
    return normalise(re.split(r"[\s<>=!~;\[]", line.strip(), maxsplit=1)[0])


def locked(lock: Path) -> dict[str, str]:
    """{package: version} of a pip-compile lock file."""
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)", lock.read_text(), re.M)
    return {normalise(name): version for name, version in pins}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def dev_only() -> set[str]:
    """The dev extra's packages and everything only they pull in."""
    runtime = locked(ROOT / "requirements.lock")
    declared = {requirement_name(r) for r in pyproject()["project"]["optional-dependencies"]["dev"]}
    return declared | NAMED_DEV_TOOLS | (set(locked(ROOT / "requirements-dev.lock")) - set(runtime))


def installed_by_the_image() -> list[Path]:
    """The requirement files the Dockerfile's `pip install` lines read."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    joined = dockerfile.replace("\\\n", " ")
    files = [
        ROOT / name
        for line in joined.splitlines()
        if line.startswith("RUN") and "pip install" in line
        for name in re.findall(r"(?:-r|--requirement)\s+(\S+)", line)
    ]
    assert files, "the Dockerfile installs the dependencies from a lock file"
    return files


def test_the_image_installs_no_development_tool():
    for lock in installed_by_the_image():
        assert lock.name == "requirements.lock"
        text = lock.read_text()
        assert "--extra=dev" not in text and "--extra dev" not in text
        packages = set(locked(lock))
        assert packages, lock
        assert packages & dev_only() == set(), f"{lock.name} holds development tools"
        for requirement in pyproject()["project"]["dependencies"]:
            assert requirement_name(requirement) in packages, requirement


def test_the_dev_lock_adds_the_tools_at_the_runtime_versions():
    runtime = locked(ROOT / "requirements.lock")
    dev = locked(ROOT / "requirements-dev.lock")
    assert {"pytest", "playwright", "ruff", "hypothesis", "import-linter"} <= set(dev)
    assert {name: dev.get(name) for name in runtime} == runtime  # constrained by the runtime
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text()
        assert "--hash=sha256:" in text and "--index-url" not in text and "--find-links" not in text


def test_make_lock_writes_both_and_make_install_installs_both():
    makefile = (ROOT / "Makefile").read_text()
    lock_recipe = makefile.split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert "-o requirements.lock pyproject.toml" in lock_recipe
    assert "--extra dev -c requirements.lock -o requirements-dev.lock" in lock_recipe
    assert "-r requirements.lock -r requirements-dev.lock" in makefile


def test_the_build_context_leaves_out_secrets_state_and_tools():
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", "var", ".venv", ".git", "node_modules", "tests", "**/__pycache__"} <= ignored
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "compilemessages" in dockerfile and "collectstatic --noinput" in dockerfile
