//! Attachment content behind an object-store interface (the `object_store` crate): a local
//! folder by default, an S3-compatible bucket (`s3://bucket/prefix`, credentials and endpoint
//! from the usual `AWS_*` variables) in production. Metadata lives in the `uploads` table;
//! the store only holds bytes under opaque keys, and nothing is served from it without the
//! submission's authorisation (see `submissions::routes`).

use anyhow::Context;
use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt};
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, WriteMultipart};
use std::sync::Arc;

/// Part size of a streamed write: what one upload holds in memory at most (besides the parts
/// in flight), and the smallest part S3 accepts.
pub const PART_SIZE: usize = 5 * 1024 * 1024;

/// Where attachment bytes go.
#[derive(Clone, Debug)]
pub struct Attachments {
    store: Arc<dyn ObjectStore>,
    prefix: StorePath,
    description: String,
}

impl Attachments {
    /// Opens the store named by `location`: `s3://bucket/prefix` (S3 or any S3-compatible
    /// server; `AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
    /// `AWS_ALLOW_HTTP` from the environment), `file:///abs/dir`, or a plain folder path
    /// (created if missing).
    pub fn open(location: &str) -> anyhow::Result<Attachments> {
        if let Some(rest) = location.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let store = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()
                .with_context(|| format!("configuring the S3 store {location}"))?;
            return Ok(Attachments {
                store: Arc::new(store),
                prefix: StorePath::from(prefix),
                description: format!("s3://{bucket}/{prefix}"),
            });
        }
        let dir = location.strip_prefix("file://").unwrap_or(location);
        std::fs::create_dir_all(dir).with_context(|| format!("creating {dir}"))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .with_context(|| format!("opening the attachment folder {dir}"))?;
        Ok(Attachments {
            store: Arc::new(store),
            prefix: StorePath::from(""),
            description: format!("folder {dir}"),
        })
    }

    /// True for a local folder (only safe with one server, or a shared file system).
    pub fn is_local(&self) -> bool {
        self.description.starts_with("folder ")
    }

    /// Where the bytes go, for logs.
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// The object under `prefix/key`; a `/` in the key separates folders as in the prefix
    /// (`Path::child` would store `uploads/x` as one part `uploads%2Fx`).
    fn path(&self, key: &str) -> StorePath {
        if self.prefix.as_ref().is_empty() {
            StorePath::from(key)
        } else {
            StorePath::from(format!("{}/{key}", self.prefix.as_ref()))
        }
    }

    /// Stores `bytes` under `key` (written completely or not at all).
    pub async fn put(&self, key: &str, bytes: Bytes) -> anyhow::Result<()> {
        self.store
            .put(&self.path(key), bytes.into())
            .await
            .with_context(|| format!("storing attachment {key}"))?;
        Ok(())
    }

    /// Starts writing `key` in parts, for content that arrives as a stream: memory stays
    /// bounded by [`PART_SIZE`] whatever the file size. Nothing is visible under `key` before
    /// `finish()`; `abort()` (or dropping the writer) leaves nothing behind in a local folder,
    /// and S3 discards the parts of an upload that is never completed.
    pub async fn writer(&self, key: &str) -> anyhow::Result<WriteMultipart> {
        let upload = self
            .store
            .put_multipart(&self.path(key))
            .await
            .with_context(|| format!("starting to store attachment {key}"))?;
        Ok(WriteMultipart::new_with_chunk_size(upload, PART_SIZE))
    }

    /// The bytes stored under `key` as a stream (for serving a file without holding it), and
    /// their length.
    pub async fn stream(
        &self,
        key: &str,
    ) -> anyhow::Result<(u64, BoxStream<'static, Result<Bytes, object_store::Error>>)> {
        let got = self
            .store
            .get(&self.path(key))
            .await
            .with_context(|| format!("reading attachment {key}"))?;
        Ok((got.meta.size, got.into_stream().boxed()))
    }

    /// The bytes stored under `key`.
    pub async fn get(&self, key: &str) -> anyhow::Result<Bytes> {
        let got = self
            .store
            .get(&self.path(key))
            .await
            .with_context(|| format!("reading attachment {key}"))?;
        Ok(got.bytes().await?)
    }
}

impl Attachments {
    /// Deletes what is stored under `key` (gone already counts as deleted).
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e).with_context(|| format!("deleting attachment {key}")),
        }
    }
}

/// The media type of `bytes` judged by their content (magic bytes), never by a file name.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes).map(|t| t.mime_type())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_content() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            Some("application/pdf")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), Some("image/jpeg"));
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0"),
            Some("application/vnd.microsoft.portable-executable")
        );
        assert_eq!(sniff(b"just some text that claims to be a PDF"), None);
    }

    #[test]
    fn keys_under_an_s3_prefix_keep_their_folders() {
        // Opening builds the client only; nothing is contacted.
        let store = Attachments::open("s3://bucket/portal/files").unwrap();
        assert!(!store.is_local());
        assert_eq!(
            store.path("uploads/abc").as_ref(),
            "portal/files/uploads/abc"
        );
        let bare = Attachments::open("s3://bucket").unwrap();
        assert_eq!(bare.path("uploads/abc").as_ref(), "uploads/abc");
    }

    #[tokio::test]
    async fn a_local_folder_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let store = Attachments::open(dir.path().join("att").to_str().unwrap()).unwrap();
        assert!(store.is_local());
        store
            .put("a/b", Bytes::from_static(b"hello"))
            .await
            .unwrap();
        assert_eq!(&store.get("a/b").await.unwrap()[..], b"hello");
        assert!(store.get("missing").await.is_err());
    }

    #[tokio::test]
    async fn a_streamed_write_appears_only_when_finished_and_reads_back_as_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let store = Attachments::open(dir.path().to_str().unwrap()).unwrap();
        // Larger than one part, written in odd-sized pieces.
        let content: Vec<u8> = (0..PART_SIZE + 123_457).map(|i| (i % 251) as u8).collect();
        let mut w = store.writer("big").await.unwrap();
        for piece in content.chunks(64 * 1024 + 7) {
            w.wait_for_capacity(2).await.unwrap();
            w.write(piece);
        }
        assert!(store.get("big").await.is_err(), "visible before finish");
        w.finish().await.unwrap();
        let (len, mut stream) = store.stream("big").await.unwrap();
        assert_eq!(len, content.len() as u64);
        let mut back = Vec::new();
        while let Some(chunk) = stream.next().await {
            back.extend_from_slice(&chunk.unwrap());
        }
        assert!(back == content, "content differs");

        // An aborted write leaves nothing, not even a staging file.
        let mut w = store.writer("gone").await.unwrap();
        w.write(b"half a file");
        w.abort().await.unwrap();
        assert!(store.get("gone").await.is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, vec!["big".to_owned()]);
    }
}
