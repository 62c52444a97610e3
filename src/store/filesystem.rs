//! Where a database file may live and how it is created.
//!
//! - New files are created `0600` (owner only). When the directory is group-shared — it has the
//!   set-group-id bit, the usual way to share a directory with a team on one host — they are created
//!   `0660` so the whole group can use them. SQLite gives its `-wal` and `-shm` files the same mode.
//! - A file on a network filesystem (NFS, SMB/CIFS, sshfs, …) is refused: WAL mode relies on shared
//!   memory between processes on one machine, which network filesystems do not provide, and the file can
//!   be corrupted. Keep the file on a local disk of the host everyone logs in to, or give each laptop its
//!   own copy. `HELPDESK_ALLOW_NETWORK_FS=1` overrides the check at your own risk.

use crate::t;
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "9p",
    "ceph",
    "glusterfs",
    "lustre",
    "gpfs",
    "fuse.sshfs",
    "fuse.rclone",
    "fuse.davfs",
    "davfs",
    "fuse.s3fs",
    "fuse.gcsfuse",
];

/// Creates `path` as a new empty file (owner-only, or group-shared in a set-group-id directory). Its
/// directory must exist: a missing one is `Missing`, naming it (a mistyped path never grows directories).
pub fn create_private(path: &Path) -> Result<()> {
    require_directory(path)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).map(Path::to_path_buf);
    create_file(path, dir).map_err(|source| StoreError::Io { path: path.display().to_string(), source })
}

/// Makes a new file for writing at `first`, or, when something already has that name (a leftover, a
/// link someone put there: never followed, never truncated), at the next free one of `first.1`,
/// `first.2`, … (up to 100). Returns the file and the name it got. For temporary files written whole
/// and renamed into place. Errors: creating failed (`AlreadyExists` when all 101 names are taken).
pub fn create_fresh(first: &Path) -> std::io::Result<(std::fs::File, PathBuf)> {
    let mut path = first.to_path_buf();
    for n in 1..=101 {
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n <= 100 => {
                let mut name = first.as_os_str().to_owned();
                name.push(format!(".{n}"));
                path = name.into();
            }
            other => return other.map(|f| (f, path)),
        }
    }
    Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
}

/// A path as messages show it: quoted when it is empty or begins or ends with white space.
pub fn named(path: &Path) -> String {
    let shown = path.display().to_string();
    if shown.trim() == shown && !shown.is_empty() { shown } else { format!("`{shown}`") }
}

/// `Missing`, naming both, when the directory `path` would be created in does not exist.
pub fn require_directory(path: &Path) -> Result<()> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => {
            Err(StoreError::Missing(t!("store-no-directory", path = named(path), dir = named(dir))))
        }
        _ => Ok(()),
    }
}

fn create_file(path: &Path, dir: Option<PathBuf>) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        opts.mode(0o600);
        opts.open(path)?;
        let dir = dir.unwrap_or_else(|| PathBuf::from("."));
        let shared = std::fs::metadata(&dir).map(|m| m.permissions().mode() & 0o2000 != 0).unwrap_or(false);
        let mode = if shared { 0o660 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        opts.open(path).map(drop)
    }
}

/// Refuses a path whose directory is on a network filesystem (Linux: from /proc/self/mounts).
pub(super) fn refuse_network_fs(path: &Path) -> Result<()> {
    if crate::environment::allow_network_fs().map_err(|e| StoreError::Invalid(e.to_string()))? {
        return Ok(());
    }
    let Some(fstype) = filesystem_of(path) else { return Ok(()) };
    if NETWORK_FS.contains(&fstype.as_str()) || fstype.starts_with("nfs") {
        return Err(StoreError::Invalid(t!(
            "store-network-filesystem",
            path = path.display().to_string(),
            fstype = fstype.as_str()
        )));
    }
    Ok(())
}

/// The filesystem type of the mount holding `path`'s directory, if it can be found.
fn filesystem_of(path: &Path) -> Option<String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = existing_ancestor(dir)?.canonicalize().ok()?;
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    mount_type(&dir, &mounts)
}

/// The type of the longest mount point in a /proc/mounts text that contains `dir`.
fn mount_type(dir: &Path, mounts: &str) -> Option<String> {
    mounts
        .lines()
        .filter_map(|line| {
            let mut f = line.split_whitespace();
            let (_, mount, fstype) = (f.next()?, f.next()?, f.next()?);
            Some((unescape(mount), fstype.to_string()))
        })
        .filter(|(mount, _)| dir.starts_with(mount))
        .max_by_key(|(mount, _)| mount.as_os_str().len())
        .map(|(_, fstype)| fstype)
}

fn existing_ancestor(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|d| d.exists() && !d.as_os_str().is_empty())
}

/// /proc/mounts writes space, tab, newline and backslash as octal escapes.
fn unescape(s: &str) -> PathBuf {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 3 < bytes.len() && bytes[i + 1..i + 4].iter().all(|b| (b'0'..=b'7').contains(b)) {
            out.push((bytes[i + 1] - b'0') * 64 + (bytes[i + 2] - b'0') * 8 + (bytes[i + 3] - b'0'));
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    PathBuf::from(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_mount_points() {
        assert_eq!(unescape("/mnt/my\\040disk"), PathBuf::from("/mnt/my disk"));
        assert_eq!(unescape("/plain"), PathBuf::from("/plain"));
    }

    #[test]
    fn finds_the_innermost_mount() {
        let mounts = "/dev/vda / ext4 rw 0 0\nserver:/export /srv/team nfs4 rw 0 0\n\
                      tmpfs /srv/team/tmp tmpfs rw 0 0\n//nas/share /mnt/my\\040nas cifs rw 0 0\n";
        assert_eq!(mount_type(Path::new("/srv/team/helpdesk"), mounts).as_deref(), Some("nfs4"));
        assert_eq!(mount_type(Path::new("/srv/team/tmp/x"), mounts).as_deref(), Some("tmpfs"));
        assert_eq!(mount_type(Path::new("/srv/teamwork"), mounts).as_deref(), Some("ext4"));
        assert_eq!(mount_type(Path::new("/mnt/my nas/db"), mounts).as_deref(), Some("cifs"));
    }

    #[test]
    fn local_temp_dir_is_not_network() {
        let dir = tempfile::tempdir().unwrap();
        assert!(refuse_network_fs(&dir.path().join("x.db")).is_ok());
    }
}
