"""manage.py backup and restore, for real: a database made by migrate, load_units, load_plan and
seed_demo, with uploaded files, is backed up, restored into a new, empty database and media folder,
and compared table by table (row count and a checksum of its rows; PostgreSQL's sequences too) and
file by file (SHA-256). On SQLite always; on PostgreSQL (127.0.0.1:5432, or DATABASE_URL's server)
when it can be reached, which CI requires. A restore into a database or a folder that is not empty,
and a damaged or hostile archive, are refused before anything is written."""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.exceptions import ValidationError

from ops.backup import MANIFEST, unpack
from tests.services import reachable, unavailable

pytestmark = pytest.mark.integration

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def manage(*args, url: str, media: Path, check=True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "DJANGO_DEBUG": "true",  # seed_demo runs only with DEBUG
    }
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


SETUP = (
    "from django.core.management import call_command as c; c('migrate', verbosity=0); c('load_units', verbosity=0); "
    "c('load_plan', 'plans/data/762-QD-BCA-V03-2024.yaml', verbosity=0); c('seed_demo', verbosity=0)"
)


class Postgres:
    """Databases on the test's PostgreSQL server, dropped at the end."""

    def __init__(self):
        test_url = os.environ.get("DATABASE_URL", "")
        parsed = urlparse(test_url if test_url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/")
        self.host, self.port = parsed.hostname or "127.0.0.1", parsed.port or 5432
        self.user, self.password = parsed.username or "postgres", parsed.password or ""
        if not reachable(self.host, self.port):
            unavailable(f"PostgreSQL is not reachable at {self.host}:{self.port}")
        self.names = []

    def connect(self, name="postgres"):
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=name, autocommit=True
        )

    def create(self) -> str:
        name = f"pbgdpl_backup_{uuid.uuid4().hex[:10]}"
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        password = f":{self.password}" if self.password else ""
        return f"postgres://{self.user}{password}@{self.host}:{self.port}/{name}"

    def drop_all(self):
        with self.connect() as conn:
            for name in self.names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    """A function that makes a new, empty database URL of the parameter's kind."""
    if request.param == "sqlite":
        yield lambda: f"sqlite:///{tmp_path / f'db-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    server = Postgres()
    try:
        yield server.create
    finally:
        server.drop_all()


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and a SHA-256 of its rows (in a stable order); PostgreSQL's sequences'
    last values under "seq:<name>"."""
    tables = {}
    if url.startswith("sqlite"):
        conn = sqlite3.connect(urlparse(url).path)
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        for name in names:
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))  # noqa: S608
            tables[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        conn.close()
        return tables
    import psycopg

    with psycopg.connect(url) as conn:
        names = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        for name in names:
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))  # noqa: S608
            tables[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        for (name,) in conn.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'").fetchall():
            tables[f"seq:{name}"] = (conn.execute(f'SELECT last_value FROM "{name}"').fetchone()[0], "")  # noqa: S608
    return tables


def files(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def uploaded(media: Path) -> None:
    """Files as uploads leave them: nested folders, a Vietnamese name, binary content, an empty file."""
    (media / "evidence" / "2024" / "12").mkdir(parents=True, exist_ok=True)
    (media / "evidence" / "2024" / "12" / "bien-ban.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(200_000))
    (media / "evidence" / "Tập huấn pháp luật.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(5000))
    (media / "reports" / "1").mkdir(parents=True, exist_ok=True)
    (media / "reports" / "1" / "empty.xlsx").write_bytes(b"")


def test_backup_then_restore_into_a_new_database_is_the_same(databases, tmp_path):
    source_url, source_media = databases(), tmp_path / "media-source"
    uploaded(source_media)
    manage("shell", "-c", SETUP, url=source_url, media=source_media)

    made = manage("backup", "--out", str(tmp_path / "backups"), url=source_url, media=source_media)
    archive = Path(made.stdout.strip())
    assert archive.parent == tmp_path / "backups"
    assert re.fullmatch(r"pbgdpl-backup-\d{8}-\d{6}\.tar\.gz", archive.name)
    assert [p.name for p in archive.parent.iterdir()] == [archive.name]  # nothing half written left beside it
    with tarfile.open(archive) as tar:
        assert tar.getnames()[0] == MANIFEST
        manifest = json.load(tar.extractfile(MANIFEST))
    expected = {f"media/{name}": digest for name, digest in files(source_media).items()}
    assert {name: f["sha256"] for name, f in manifest["files"].items() if name.startswith("media/")} == expected
    assert manifest["database"]["file"] in manifest["files"]

    target_url, target_media = databases(), tmp_path / "media-restored"
    restored = manage("restore", str(archive), url=target_url, media=target_media)
    assert "Đã khôi phục bản sao lưu lúc" in restored.stdout
    before, after = fingerprint(source_url), fingerprint(target_url)
    assert len(before) > 40 and before["accounts_user"][0] > 100 and before["tasks_activity"][0] > 10
    assert after == before
    assert files(target_media) == files(source_media)

    # Again into the same, now full, database: refused, nothing changed.
    again = manage("restore", str(archive), url=target_url, media=tmp_path / "media-other", check=False)
    assert again.returncode != 0
    assert "Cơ sở dữ liệu không trống: chỉ khôi phục vào một cơ sở dữ liệu mới, trống." in again.stderr
    assert fingerprint(target_url) == before and not (tmp_path / "media-other").exists()

    # Into an empty database but a media folder with files in it: refused, the database stays empty.
    empty_url = databases()
    full = manage("restore", str(archive), url=empty_url, media=source_media, check=False)
    assert full.returncode != 0 and "không trống: chỉ khôi phục vào một thư mục trống." in full.stderr
    assert not [t for t in fingerprint(empty_url) if not t.startswith("seq:")]

    # A damaged archive: one byte of one file changed. Refused before anything is written.
    damaged = tmp_path / "damaged.tar.gz"
    repack(archive, damaged, change="media/evidence/2024/12/bien-ban.pdf")
    refused = manage("restore", str(damaged), url=empty_url, media=tmp_path / "media-3", check=False)
    assert refused.returncode != 0
    assert "Mã kiểm tra (checksum) của media/evidence/2024/12/bien-ban.pdf không khớp với bản kê" in refused.stderr
    assert not [t for t in fingerprint(empty_url) if not t.startswith("seq:")] and not (tmp_path / "media-3").exists()


def repack(archive: Path, target: Path, *, change: str | None = None, add: tarfile.TarInfo | None = None, data=b""):
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as out:
        for member in src.getmembers():
            content = src.extractfile(member).read() if member.isfile() else None
            if member.name == change:
                content = bytes([content[0] ^ 1]) + content[1:]
            out.addfile(member, io.BytesIO(content) if content is not None else None)
        if add is not None:
            out.addfile(add, io.BytesIO(data) if add.isfile() else None)


def small_archive(tmp_path: Path, files_: dict[str, bytes], manifest: dict | None = None) -> Path:
    listed = {n: {"size": len(b), "sha256": hashlib.sha256(b).hexdigest()} for n, b in files_.items()}
    manifest = manifest or {
        "format": 1,
        "created_at": "2024-12-14T02:00:00+07:00",
        "database": {"vendor": "sqlite", "file": "database.sqlite3"},
        "files": listed,
    }
    path = tmp_path / "small.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, content in {MANIFEST: json.dumps(manifest).encode(), **files_}.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (tarfile.TarInfo("../outside.txt"), "Tệp sao lưu có tệp nằm ngoài thư mục của nó: ../outside.txt."),
        (tarfile.TarInfo("/etc/cron.d/evil"), "Tệp sao lưu có tệp nằm ngoài thư mục của nó: /etc/cron.d/evil."),
        (tarfile.TarInfo("media/link"), "Tệp sao lưu chứa thứ không phải tệp thông thường: media/link."),
        (
            tarfile.TarInfo("media/not-listed.txt"),
            "Tệp sao lưu không khớp với bản kê (không có trong bản kê: media/not-listed.txt",
        ),
    ],
)
def test_a_hostile_archive_is_refused(tmp_path, member, message):
    archive = small_archive(tmp_path, {"database.sqlite3": b"x"})
    if member.name == "media/link":
        member.type, member.linkname = tarfile.SYMTYPE, "/etc/passwd"
    else:
        member.size = 4
    hostile = tmp_path / "hostile.tar.gz"
    repack(archive, hostile, add=member, data=b"evil")
    folder = tmp_path / "unpacked"
    folder.mkdir()
    with pytest.raises(ValidationError) as refused:
        unpack(hostile, folder)
    assert message in " ".join(refused.value.messages)
    assert not (tmp_path / "outside.txt").exists()


def test_a_missing_file_or_an_unknown_format_is_refused(tmp_path):
    folder = tmp_path / "unpacked"
    folder.mkdir()
    listed = {
        "format": 1,
        "database": {"vendor": "sqlite", "file": "database.sqlite3"},
        "files": {"database.sqlite3": {"size": 1, "sha256": "0" * 64}, "media/a.pdf": {"size": 1, "sha256": "0" * 64}},
    }
    with pytest.raises(ValidationError, match=r"thiếu: media/a\.pdf"):
        unpack(small_archive(tmp_path, {"database.sqlite3": b"x"}, manifest=listed), folder)
    with pytest.raises(ValidationError, match=r"Định dạng sao lưu không xác định: 7\."):
        unpack(small_archive(tmp_path, {}, manifest={"format": 7}), tmp_path / "f2")
    (tmp_path / "not-a-backup.tar.gz").write_bytes(b"PK\x03\x04 not a tar")
    with pytest.raises(ValidationError, match="Đây không phải tệp sao lưu của ứng dụng này"):
        unpack(tmp_path / "not-a-backup.tar.gz", tmp_path / "f3")
