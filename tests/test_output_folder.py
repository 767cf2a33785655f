"""The output folder is imcompile's own: it writes only into a new, empty or own folder,
keeps every file it did not write, refuses bad folders in one line, cleans up after a
killed build, lets builds into one folder take turns and keeps the user's umask."""

import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BASE
from imcompile.build import render
from imcompile.cli import main
from imcompile.outdir import MARKER, marker_text
from imcompile.validate import validate_text
from imcompile.writer import OutputError, compare, read_tree, write_tree

CASES = Path(__file__).parent / "cases" / "terraform"
REFUSED = ("holds files that are not imcompile's ({}): build writes only into a new or "
           "empty folder, or one it wrote before")


@pytest.fixture(scope="module")
def small():
    """What BASE compiles to (synthesised once for the module)."""
    return render(validate_text(BASE).model)


@pytest.fixture
def repo(tmp_path, monkeypatch, small):
    """A folder with org.yaml and the generated/ a build of it wrote; the cwd."""
    (tmp_path / "org.yaml").write_text(BASE, encoding="utf-8")
    write_tree(tmp_path / "generated", small)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args):
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path, inodes: bool = True) -> dict:
    """Every entry under `folder` (and itself): kind, mode, content or link target, and
    the inode, so a folder swapped for an identical copy does not pass as unchanged."""
    out = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = os.lstat(path)
        key = str(path.relative_to(folder))
        if stat.S_ISLNK(info.st_mode):
            out[key] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            out[key] = ("dir", stat.S_IMODE(info.st_mode))
        else:
            out[key] = ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
        if inodes:
            out[key] += (info.st_ino,)
    return out


def assert_error(result, message: str) -> None:
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"imcompile: error: {message}\n"), result.output
    assert isinstance(result.exception, SystemExit)


# --- folders that are not imcompile's ------------------------------------------------

def test_a_folder_of_someone_elses_files_is_refused(repo):
    (repo / "runbooks").mkdir()
    (repo / "runbooks" / "payments.md").write_text("# Payments\n")
    before = snapshot(repo)
    assert_error(cli("build", "--out", "runbooks"),
                 "runbooks " + REFUSED.format("payments.md"))
    assert_error(cli("build", "--check", "--out", "runbooks"),
                 "runbooks " + REFUSED.format("payments.md"))
    assert snapshot(repo) == before


def test_the_org_files_own_folder_is_refused_from_elsewhere(repo, monkeypatch):
    (repo / "NOTES.txt").write_text("mine\n")
    (repo / "zeta").mkdir()
    monkeypatch.chdir("/")
    before = snapshot(repo)
    result = cli("build", str(repo / "org.yaml"), "--out", str(repo))
    assert_error(result, f"{repo} " + REFUSED.format("NOTES.txt, generated, org.yaml, ..."))
    assert snapshot(repo) == before


@pytest.mark.parametrize("out, message", [
    (".", ". is the current folder or holds it: give build a folder of its own, "
          "such as generated"),
    ("..", ".. is the current folder or holds it: give build a folder of its own, "
           "such as generated"),
    ("", "--out is empty: give a folder, such as generated"),
    ("FILE/x", "cannot create FILE/x: FILE is a file"),
    ("FILE/x/y", "cannot create FILE/x/y: FILE is a file"),
    ("FILE", "FILE is a file, not a folder"),
    ("x" * 300, f"cannot write {'x' * 300}: File name too long"),
])
def test_output_paths_that_cannot_be_imcompiles_folder(repo, out, message):
    (repo / "FILE").write_text("a file\n")
    before, around = snapshot(repo), sorted(os.listdir(repo.parent))
    assert_error(cli("build", "--out", out), message)
    assert (snapshot(repo), sorted(os.listdir(repo.parent))) == (before, around)


def test_the_current_folder_by_its_full_path_is_refused(repo):
    before = snapshot(repo)
    assert_error(cli("build", "--out", str(repo)),
                 f"{repo} is the current folder or holds it: give build a folder of its "
                 "own, such as generated")
    assert snapshot(repo) == before


def test_a_damaged_marker_is_refused(repo):
    (repo / "generated" / MARKER).write_text("{not json")
    before = snapshot(repo)
    assert_error(cli("build"), f"generated/{MARKER} is not imcompile's list of its files: "
                               "restore it (from git) or remove the folder")
    assert snapshot(repo) == before


def test_a_file_not_imcompiles_where_it_writes_is_not_replaced(tmp_path, small):
    out = tmp_path / "generated"
    write_tree(out, small)
    (out / "docs" / "Extra.md").write_text("someone's page\n")
    (out / "slack" / "channels.json").unlink()
    (out / "slack" / "channels.json").mkdir()
    (out / "slack" / "channels.json" / "x").write_text("x\n")
    before = snapshot(tmp_path)
    with pytest.raises(OutputError) as caught:
        write_tree(out, small)
    assert str(caught.value) == (f"{out}/slack/channels.json is not imcompile's and is in "
                                 "the way of what it writes: move it and build again")
    assert snapshot(tmp_path) == before
    shutil.rmtree(out / "slack" / "channels.json")
    (out / "slack" / "channels.json").write_text(small["slack/channels.json"])
    with pytest.raises(OutputError) as caught:
        write_tree(out, {**small, "docs/Extra.md": "imcompile's page\n"})
    assert str(caught.value) == (f"{out}/docs/Extra.md is not imcompile's and is in the "
                                 "way of what it writes: move it and build again")
    assert (out / "docs" / "Extra.md").read_text() == "someone's page\n"


def test_a_generated_path_outside_the_folder_is_refused(tmp_path, small):
    out = tmp_path / "generated"
    for rel in ("../escaped.md", "/etc/escaped", "docs/./x.md", "docs//x.md"):
        with pytest.raises(OutputError) as caught:
            write_tree(out, {**small, rel: "x"})
        assert str(caught.value) == f"refusing to write {rel!r}: not a path inside {out}"
    assert list(tmp_path.iterdir()) == []


def test_a_linked_output_folder_is_written_where_it_points(repo, tmp_path, small):
    elsewhere = tmp_path / "elsewhere"
    os.rename(repo / "generated", elsewhere)
    (repo / "generated").symlink_to(elsewhere)
    (elsewhere / "README.md").write_text("ours\n")
    assert cli("build").exit_code == 0
    assert os.readlink(repo / "generated") == str(elsewhere)
    assert read_tree(elsewhere) == {**small, MARKER: marker_text(small), "README.md": "ours\n"}


# --- what is kept, what is replaced ---------------------------------------------------

def test_files_imcompile_did_not_write_are_kept(tmp_path, small):
    out = tmp_path / "generated"
    old = {**small, "docs/Gone.md": "<!-- old page -->\n"}
    write_tree(out, old)
    user = {"README.md": b"ours\n", "terraform/pagerduty/terraform.tfstate": b"{}\n",
            "terraform/pagerduty/.terraform/providers/p": b"\x00binary"}
    for rel, data in user.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / "terraform/pagerduty/.terraform").chmod(0o700)
    (out / "docs" / "drafts").mkdir()
    (out / "docs" / "Latest.md").symlink_to("Home.md")
    inode = os.stat(out / "terraform/pagerduty/terraform.tfstate").st_ino
    new = {**small, "docs/Home.md": small["docs/Home.md"] + "changed\n"}
    write_tree(out, new)
    for rel, data in user.items():
        assert (out / rel).read_bytes() == data
    assert os.stat(out / "terraform/pagerduty/terraform.tfstate").st_ino == inode
    assert stat.S_IMODE(os.stat(out / "terraform/pagerduty/.terraform").st_mode) == 0o700
    assert (out / "docs" / "drafts").is_dir()
    assert os.readlink(out / "docs" / "Latest.md") == "Home.md"
    assert not (out / "docs" / "Gone.md").exists()
    assert json.loads((out / MARKER).read_text())["files"] == sorted(new)
    assert {k: v for k, v in read_tree(out).items() if k in new} == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_the_previous_versions_unmarked_output_is_adopted(tmp_path, monkeypatch, root):
    """generated/ from before the marker: its files carry the banner and are replaced;
    the rest is kept. `--check` asks for the marker until a build writes it."""
    repo = tmp_path / "repo"
    shutil.copytree(root / "runbooks", repo / "runbooks")
    shutil.copy(root / "org.yaml", repo / "org.yaml")
    committed = {k: v for k, v in read_tree(root / "generated").items() if k != MARKER}
    for rel, text in {**committed,
                      "docs/Old-Page.md": "<!-- generated by imcompile from org.yaml — "
                                          "do not edit -->\nold\n",
                      "README.md": "Do not edit: run make compile.\n",
                      "terraform/pagerduty/terraform.tfstate": "{}\n"}.items():
        (repo / "generated" / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / "generated" / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    check = cli("build", "--check")
    assert check.exit_code == 1
    assert check.stderr.splitlines()[:2] == [f"missing: generated/{MARKER}",
                                             "extra: generated/docs/Old-Page.md"]
    assert "README" not in check.output
    result = cli("build")
    assert result.exit_code == 0, result.output
    assert (repo / "generated/README.md").read_text() == "Do not edit: run make compile.\n"
    assert (repo / "generated/terraform/pagerduty/terraform.tfstate").read_text() == "{}\n"
    assert not (repo / "generated/docs/Old-Page.md").exists()
    assert json.loads((repo / "generated" / MARKER).read_text())["files"] == sorted(committed)
    check = cli("build", "--check")
    assert (check.exit_code, check.stdout) == (0, "generated/ is up to date with org.yaml\n")


def test_check_reports_only_imcompiles_files(repo, small):
    out = repo / "generated"
    (out / "README.md").write_text("ours\n")
    (out / "docs" / "notes.txt").write_text("ours\n")
    assert cli("build", "--check").exit_code == 0
    # A page imcompile wrote before and no longer would is stale; a build removes it.
    (out / "docs" / "Gone.md").write_text("old\n")
    (out / MARKER).write_text(json.dumps({"files": sorted([*small, "docs/Gone.md"])}))
    missing, extra, changed, _ = compare(out, small)
    assert (missing, extra, changed) == ([], ["docs/Gone.md"], [MARKER])
    result = cli("build", "--check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == ["extra: generated/docs/Gone.md",
                                              f"changed: generated/{MARKER}"]
    assert cli("build").exit_code == 0
    assert not (out / "docs" / "Gone.md").exists()
    assert (out / "docs" / "notes.txt").read_text() == (out / "README.md").read_text()


def test_a_link_in_place_of_a_generated_file_is_never_followed(repo, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret"
    secret.write_text("PAGERDUTY_TOKEN=u+abcdef\n")
    home = repo / "generated" / "docs" / "Home.md"
    home.unlink()
    home.symlink_to(secret)
    check = cli("build", "--check")
    assert check.exit_code == 1 and "u+abcdef" not in check.output
    assert "missing: generated/docs/Home.md" in check.stderr
    assert cli("build").exit_code == 0
    assert not home.is_symlink() and "generated by imcompile" in home.read_text()
    assert secret.read_text() == "PAGERDUTY_TOKEN=u+abcdef\n"
    secret.unlink()


# --- modes, faults ---------------------------------------------------------------------

@pytest.mark.parametrize("umask, folder, file", [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_the_output_keeps_the_users_umask(tmp_path, small, umask, folder, file):
    old = os.umask(umask)
    try:
        write_tree(tmp_path / "generated", small)
        write_tree(tmp_path / "generated", small)  # a rebuild as well as a first build
    finally:
        os.umask(old)
    for path in [tmp_path / "generated", *(tmp_path / "generated").rglob("*")]:
        want = folder if path.is_dir() else file
        assert stat.S_IMODE(path.stat().st_mode) == want, path


def test_a_full_disk_changes_nothing(repo, monkeypatch):
    real = Path.write_text

    def full(self, text, *args, **kwargs):
        if self.name == "Home.md":
            real(self, text[:10], *args, **kwargs)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, text, *args, **kwargs)
    before = snapshot(repo)
    monkeypatch.setattr(Path, "write_text", full)
    assert_error(cli("build"), "cannot write generated/docs/Home.md: No space left on device")
    assert snapshot(repo) == before


def _without_root_powers():
    """Permission bits do not stop root: a root test drops the capabilities that override
    them (from the bounding set, so the build it starts never has them)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
            assert libc.prctl(24, cap, 0, 0, 0) == 0  # PR_CAPBSET_DROP


@pytest.mark.parametrize("read_only, message", [
    ("generated", "cannot write generated: Permission denied"),
    ("generated/docs", "cannot write generated/docs: Permission denied"),
    (".", "cannot write {repo}/.generated.lock: Permission denied"),
])
def test_a_read_only_folder_changes_nothing(tmp_path, small, read_only, message):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "org.yaml").write_text(BASE)
    write_tree(repo / "generated", small)
    (repo / read_only).chmod(0o555)
    before = snapshot(repo)
    done = subprocess.run([sys.executable, "-m", "imcompile.cli", "build"], cwd=repo,
                          capture_output=True, text=True, preexec_fn=_without_root_powers)
    after = snapshot(repo)
    (repo / read_only).chmod(0o755)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"imcompile: error: {message.format(repo=repo)}\n"
    assert after == before


def test_check_needs_no_write_access(repo):
    repo.chmod(0o555)
    try:
        done = subprocess.run([sys.executable, "-m", "imcompile.cli", "build", "--check"],
                              cwd=repo, capture_output=True, text=True,
                              preexec_fn=_without_root_powers)
    finally:
        repo.chmod(0o755)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "generated/ is up to date with org.yaml\n", "")


# --- killed builds, concurrent builds ---------------------------------------------------

def test_stale_staging_folders_of_a_killed_build_are_removed(repo):
    parent_before = {"org.yaml", "generated"}
    stale = (".generated-staging-k2j4x9_a", ".generated-staging-1a2b3c4d", ".generated-old")
    for name in stale:
        (repo / name / "docs").mkdir(parents=True)
        (repo / name / "docs" / "Home.md").write_text("half\n")
    (repo / ".generated.lock").write_text("")
    (repo / ".generated-notes").mkdir()  # someone else's, not a staging folder
    assert cli("build").exit_code == 0
    assert {p.name for p in repo.iterdir()} == parent_before | {".generated-notes"}


def test_a_folder_moved_aside_by_a_killed_build_is_put_back(repo):
    (repo / "generated" / "README.md").write_text("ours\n")
    os.rename(repo / "generated", repo / ".generated-old")
    assert cli("build").exit_code == 0
    assert (repo / "generated" / "README.md").read_text() == "ours\n"
    assert {p.name for p in repo.iterdir()} == {"org.yaml", "generated"}


def test_a_second_build_waits_for_the_first(repo):
    """The test holds the lock a build takes; the build says it waits, writes nothing
    until the lock is released, then completes."""
    (repo / "org.yaml").write_text(BASE.replace("Alice Chen", "Alice Chen-Lee"))
    before = snapshot(repo / "generated")
    with open(repo / ".generated.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        build = subprocess.Popen([sys.executable, "-m", "imcompile.cli", "build"], cwd=repo,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert build.stderr.readline() == "waiting for another build into generated\n"
        assert snapshot(repo / "generated") == before
        fcntl.flock(held, fcntl.LOCK_UN)
    out, err = build.communicate()
    assert (build.returncode, out, err) == (0, "wrote 16 files to generated/\n", "")
    assert "Alice Chen-Lee" in (repo / "generated/terraform/pagerduty/cdk.tf.json").read_text()
    assert {p.name for p in repo.iterdir()} == {"org.yaml", "generated"}


RACER = """
import json, sys
from pathlib import Path
from imcompile.writer import write_tree
files = json.loads(Path(sys.argv[1]).read_text())
print("ready", flush=True)
sys.stdin.read()
for n in range(20):
    write_tree(Path("generated"), files)
"""


def test_concurrent_builds_into_one_folder_all_succeed(tmp_path, small):
    """Eight processes, started together once each has loaded, write the folder twenty
    times each, into a folder that holds a file of someone else's: none fails, and the
    folder is complete. (That a build waits for the lock is the test above.)"""
    (tmp_path / "files.json").write_text(json.dumps(small))
    write_tree(tmp_path / "generated", small)
    (tmp_path / "generated" / "README.md").write_text("ours\n")
    builds = [subprocess.Popen([sys.executable, "-c", RACER, "files.json"], cwd=tmp_path,
                               text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE) for _ in range(8)]
    for build in builds:
        assert build.stdout.readline() == "ready\n"
    for build in builds:
        build.stdin.close()
    for build in builds:
        out, err = build.stdout.read(), build.stderr.read()  # each far below a pipe's size
        assert (build.wait(), out, err) == (0, "", "")
    assert read_tree(tmp_path / "generated") == {**small, MARKER: marker_text(small),
                                                 "README.md": "ours\n"}
    assert {p.name for p in tmp_path.iterdir()} == {"files.json", "generated"}


KILLER = """
import json, os, signal, sys
from pathlib import Path
from imcompile import outdir
from imcompile.writer import write_tree

root, files, kill_at, atomic = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = json.loads(Path(files).read_text())
if atomic == "no":
    outdir.exchange = lambda a, b: False
base = str(root.parent)
CHANGES = {"open", "os.mkdir", "os.rename", "os.link", "os.symlink", "os.remove",
           "os.rmdir", "os.chmod", "os.utime", "shutil.rmtree"}
count = 0

def hook(event, args):
    global count
    if event in ("ctypes.call_function", "fcntl.flock") or (
            event in CHANGES and any(base in str(a) for a in args)):
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        count += 1

sys.addaudithook(hook)
write_tree(root, files)
print(count)
"""


@pytest.mark.parametrize("atomic", ["yes", "no"])
def test_a_build_killed_at_any_step_leaves_the_old_or_the_new_folder(tmp_path, atomic):
    """SIGKILL before each filesystem change a build makes, with the atomic exchange and
    with the two-rename fallback; the next build then writes the new folder cleanly."""
    old = {"terraform/manifest.json": "{}\n", "terraform/pagerduty/cdk.tf.json": "old\n",
           "docs/Home.md": "old home\n", "docs/Gone.md": "gone\n"}
    new = {"terraform/manifest.json": "{}\n", "terraform/pagerduty/cdk.tf.json": "new\n",
           "docs/Home.md": "new home\n", "docs/New.md": "new\n", "slack/channels.json": "[]\n"}
    (tmp_path / "new.json").write_text(json.dumps(new))
    root = tmp_path / "work" / "generated"

    def start():
        shutil.rmtree(tmp_path / "work", ignore_errors=True)
        write_tree(root, old)
        (root / "README.md").write_text("ours\n")
        (root / "terraform/pagerduty/.terraform").mkdir()
        (root / "terraform/pagerduty/terraform.tfstate").write_text("{}\n")

    def run(kill_at):
        return subprocess.run([sys.executable, "-c", KILLER, str(root),
                               str(tmp_path / "new.json"), str(kill_at), atomic],
                              capture_output=True, text=True)
    start()
    before = snapshot(root, inodes=False)
    done = run(-1)
    assert done.returncode == 0, done.stderr
    after, steps = snapshot(root, inodes=False), int(done.stdout)
    assert steps > 20 and before != after
    for kill_at in range(steps):
        start()
        killed = run(kill_at)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        if root.exists():
            assert snapshot(root, inodes=False) in (before, after), kill_at
        else:  # between the fallback's two renames: the old folder, put back next time
            old_place = root.with_name(".generated-old")
            assert atomic == "no" and snapshot(old_place, inodes=False) == before
        write_tree(root, new)
        assert snapshot(root, inodes=False) == after, kill_at
        assert [p.name for p in root.parent.iterdir()] == ["generated"], kill_at


def test_output_is_identical_across_cwd_time_zone_locale_and_hash_seed(tmp_path):
    org = CASES / "per-team.yaml"
    trees = []
    for n, (tz, lang, seed) in enumerate([("UTC", "C", "0"),
                                          ("Pacific/Chatham", "C.UTF-8", "4711")]):
        cwd = tmp_path / f"cwd{n}"
        cwd.mkdir()
        env = {**os.environ, "TZ": tz, "LC_ALL": lang, "LANG": lang, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "imcompile.cli", "build", str(org),
                        "--out", str(tmp_path / f"out{n}")], cwd=cwd, env=env, check=True,
                       capture_output=True)
        trees.append(snapshot(tmp_path / f"out{n}", inodes=False))
    assert trees[0] == trees[1] and f"{MARKER}" in trees[0]
