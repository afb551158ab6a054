//! Reading files a user hands us (scenarios, rules, saves) without trusting them:
//! only regular files, after following links, and never more than a limit, whatever
//! the file's metadata claims. A FIFO or a device would otherwise hang the program
//! or fill its memory (`/dev/zero` reports a size of 0).

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a regular file ({0}); give the path of a file")]
    NotAFile(&'static str),
    #[error("file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
}

fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Opens without blocking: opening a FIFO for reading would wait for a writer.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The bytes of the regular file at `path` (links followed), at most `limit` of them.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let file = open(path)?;
    // The path may have been swapped since it was looked at: ask the open file itself.
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind(&meta)));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Opens the regular file at `path` for reading (links followed), refusing
/// anything else without waiting on it: for files read a line at a time.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let file = open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!("not a regular file ({})", kind(&meta))));
    }
    Ok(file)
}

/// `read_limited` as UTF-8 text.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|_| ReadError::Io(std::io::Error::other("the file is not valid UTF-8")))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_refused_without_reading() {
        let zero = read_limited(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(zero.to_string().contains("a device"), "{zero}");
        let dir = read_limited(Path::new("/"), 1024).unwrap_err();
        assert!(dir.to_string().contains("a folder"), "{dir}");
    }

    #[test]
    fn a_named_pipe_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let err = read_limited(&fifo, 1024).unwrap_err();
        assert!(err.to_string().contains("a named pipe"), "{err}");
    }

    #[test]
    fn a_file_is_read_up_to_its_limit_and_no_further() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.ron");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_limited(&file, 5).unwrap(), b"12345");
        assert!(matches!(read_limited(&file, 4), Err(ReadError::TooLarge { limit: 4 })));
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_limited(&link, 5).unwrap(), b"12345", "a link to a file is followed");
    }
}
