"""Backup and restore: the database and the uploaded files (MEDIA_ROOT) in one dated archive
(``pbgdpl-backup-YYYYMMDD-HHMMSS.tar.gz``) whose first member, ``manifest.json``, lists every other
member with its size and SHA-256.

The database is written by ``pg_dump`` (custom format) for PostgreSQL and by SQLite's online backup
API for SQLite, both consistent while the application keeps running. A restore goes only into an
empty database and an empty media folder, and checks every checksum before it writes anything.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
MEDIA_DIR = "media"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Database:
    """What a backup or a restore needs to know of a database (from Django's settings)."""

    vendor: str  # "postgresql" or "sqlite"
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def current(cls) -> "Database":
        s = connection.settings_dict
        vendor = connection.vendor
        if vendor not in ("postgresql", "sqlite"):
            raise ValidationError(
                _("Backups are made for PostgreSQL and SQLite only, not %(vendor)s.") % {"vendor": vendor}
            )
        return cls(
            vendor=vendor,
            name=str(s["NAME"]),
            host=str(s.get("HOST") or ""),
            port=str(s.get("PORT") or ""),
            user=str(s.get("USER") or ""),
            password=str(s.get("PASSWORD") or ""),
        )

    def pg_env(self) -> dict:
        """The environment for pg_dump / pg_restore (the password never goes on a command line)."""
        env = {**os.environ, "PGDATABASE": self.name}
        for key, value in (("PGHOST", self.host), ("PGPORT", self.port), ("PGUSER", self.user)):
            if value:
                env[key] = value
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: PG_BIN_DIR's, the newest Debian one (it reads older servers), or PATH's."""
    folders = [Path(settings.PG_BIN_DIR)] if settings.PG_BIN_DIR else []
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True)
    for folder in folders:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        raise ValidationError(_("%(tool)s is not installed (Debian package postgresql-client).") % {"tool": name})
    return found


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise ValidationError(
            _("%(tool)s failed: %(error)s") % {"tool": tool, "error": (result.stderr or result.stdout).strip()[-2000:]}
        )


# --- backup ---


def dump_database(db: Database, folder: Path) -> Path:
    """A consistent copy of the database in ``folder``."""
    if db.vendor == "postgresql":
        target = folder / PG_DUMP_FILE
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], db.pg_env())
        return target
    target = folder / SQLITE_FILE
    source = sqlite3.connect(db.name)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def backup(
    *, out_dir: Path, db: Database | None = None, media_root: Path | None = None, now: datetime | None = None
) -> Path:
    """Write the archive into ``out_dir`` and return its path. The archive appears under its final
    name only once complete."""
    db = db or Database.current()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now())
    archive = out_dir / f"pbgdpl-backup-{stamp:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".backup-") as work:
        dump = dump_database(db, Path(work))
        members = [(dump.name, dump)]
        members += [(f"{MEDIA_DIR}/{p.relative_to(media_root).as_posix()}", p) for p in media_files(media_root)]
        manifest = {
            "format": FORMAT,
            "created_at": stamp.isoformat(timespec="seconds"),
            "database": {"vendor": db.vendor, "file": dump.name},
            "files": {name: {"size": path.stat().st_size, "sha256": sha256_of(path)} for name, path in members},
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial = Path(work) / archive.name
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        os.replace(partial, archive)
    return archive


# --- restore ---


def unpack(archive: Path, folder: Path) -> dict:
    """Extract the archive into ``folder`` (regular files inside it only) and check it against its
    manifest: the same files, each with its size and checksum. Returns the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                if member.name.startswith("/") or ".." in PurePosixPath(member.name).parts:
                    raise ValidationError(
                        _("The archive names a file outside its own folder: %(name)s.") % {"name": member.name}
                    )
                if not (member.isfile() or member.isdir()):
                    raise ValidationError(
                        _("The archive holds something other than files: %(name)s.") % {"name": member.name}
                    )
            tar.extractall(folder, filter="data")
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, tarfile.TarError, json.JSONDecodeError, tarfile.FilterError) as exc:
        raise ValidationError(
            _("This is not a backup archive of this application: %(error)s") % {"error": exc}
        ) from exc
    if manifest.get("format") != FORMAT:
        raise ValidationError(_("Unknown backup format: %(format)s.") % {"format": manifest.get("format")})
    listed = manifest.get("files") or {}
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {MANIFEST}
    if present != set(listed):
        extra, missing = sorted(present - set(listed)), sorted(set(listed) - present)
        raise ValidationError(
            _("The archive does not match its manifest (not listed: %(extra)s; missing: %(missing)s).")
            % {"extra": ", ".join(extra) or "-", "missing": ", ".join(missing) or "-"}
        )
    for name, expected in sorted(listed.items()):
        path = folder / name
        if path.stat().st_size != expected.get("size") or sha256_of(path) != expected.get("sha256"):
            raise ValidationError(
                _("The checksum of %(name)s does not match the manifest: the archive is damaged.") % {"name": name}
            )
    return manifest


def database_is_empty(db: Database) -> bool:
    if db.vendor == "sqlite":
        path = Path(db.name)
        if not path.exists() or path.stat().st_size == 0:
            return True
        with sqlite3.connect(path) as check:
            return not check.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return not connection.introspection.table_names()


def media_is_empty(media_root: Path) -> bool:
    return not media_root.exists() or not any(media_root.iterdir())


def load_database(db: Database, dump: Path) -> None:
    connection.close()
    if db.vendor == "postgresql":
        command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        _run([*command, f"--dbname={db.name}", str(dump)], db.pg_env())
        return
    source = sqlite3.connect(dump)
    target = sqlite3.connect(db.name)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def restore(*, archive: Path, db: Database | None = None, media_root: Path | None = None) -> dict:
    """Restore the archive into the (empty) database and the (empty) media folder; refuse anything
    else, and a damaged archive, before writing anything. Returns the manifest."""
    db = db or Database.current()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="pbgdpl-restore-") as work:
        folder = Path(work)
        manifest = unpack(archive, folder)
        vendor = manifest["database"]["vendor"]
        if vendor != db.vendor:
            raise ValidationError(
                _("This backup is of a %(archive)s database; the database configured here is %(here)s.")
                % {"archive": vendor, "here": db.vendor}
            )
        if not database_is_empty(db):
            raise ValidationError(_("The database is not empty: restore only into a new, empty database."))
        if not media_is_empty(media_root):
            raise ValidationError(
                _("The media folder %(folder)s is not empty: restore only into an empty folder.")
                % {"folder": media_root}
            )
        load_database(db, folder / manifest["database"]["file"])
        media = folder / MEDIA_DIR
        if media.exists():
            shutil.copytree(media, media_root, dirs_exist_ok=True)
    return manifest
