package io.membergraph.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Where uploads wait for their job: one file per job (and one per lookup file), named by it, deleted when the job ends; at start-up the
 * files of jobs that are no longer running are deleted too (a job a crash interrupted is resumed by uploading
 * its file again).
 */
public final class ImportSpool {

	private static final Log log = LogFactory.getLog(ImportSpool.class);

	private static final long ALIVE_EVERY = 64L * 1024 * 1024;

	private final Path directory;

	private final long maxBytes;

	/** A stored upload: where, how big, and its SHA-256. */
	public record Stored(Path file, long bytes, String digest) {
	}

	/** An upload larger than the limit; nothing of it is kept. */
	static final class TooLarge extends RuntimeException {

		TooLarge(long limit) {
			super("the upload is larger than " + limit + " bytes (membergraph.import.max-upload); import it from the "
					+ "command line or split it");
		}

	}

	ImportSpool(Path directory, long maxBytes) {
		this.directory = directory;
		this.maxBytes = maxBytes;
	}

	public Path directory() {
		return directory;
	}

	/** Stores the upload for the job, calling {@code alive} now and then while a long upload comes in. */
	public Stored store(String jobId, InputStream upload, Runnable alive) {
		Path file = null;
		try {
			Files.createDirectories(directory);
			file = directory.resolve(jobId + ".spool");
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			long bytes = 0;
			try (InputStream in = new DigestInputStream(upload, sha); OutputStream out = Files.newOutputStream(file)) {
				byte[] buffer = new byte[64 * 1024];
				int n;
				while ((n = in.read(buffer)) > 0) {
					if (bytes / ALIVE_EVERY != (bytes + n) / ALIVE_EVERY) {
						alive.run();
					}
					bytes += n;
					if (bytes > maxBytes) {
						throw new TooLarge(maxBytes);
					}
					out.write(buffer, 0, n);
				}
			}
			return new Stored(file, bytes, HexFormat.of().formatHex(sha.digest()));
		}
		catch (IOException | RuntimeException ex) {
			delete(file);
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new UncheckedIOException("Cannot store the upload", (IOException) ex);
		}
		catch (NoSuchAlgorithmException ex) {
			delete(file);
			throw new IllegalStateException(ex);
		}
	}

	/** The SHA-256 of a file already on this machine (the command-line import). */
	public static Stored describe(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return new Stored(file, Files.size(file),
					HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An upload and its lookup files as one: the first's path and size (what progress counts), and a digest of all
	 * of them, so that a resumed job reads the same files.
	 */
	public static Stored together(List<Stored> files) {
		Stored first = files.get(0);
		if (files.size() == 1) {
			return first;
		}
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			files.forEach(file -> sha.update(file.digest().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
			return new Stored(first.file(), first.bytes(), HexFormat.of().formatHex(sha.digest()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public void delete(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Cannot delete the spooled upload " + file, ex);
		}
	}

	/** Deletes the uploads of jobs that are not running; returns how many. */
	public int clear(Predicate<String> running) {
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(directory)) {
			// A job's upload is <job>.spool, its lookup files <job>.lookup1.spool and on.
			return (int) files.filter(f -> f.getFileName().toString().endsWith(".spool"))
				.filter(f -> !running.test(f.getFileName().toString().substring(0, f.getFileName().toString().indexOf('.'))))
				.peek(this::delete)
				.count();
		}
		catch (IOException ex) {
			log.warn("Cannot clear the import spool " + directory, ex);
			return 0;
		}
	}

}
