package io.membergraph.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.membergraph.ingest.internal.ImportSpool;

import static org.assertj.core.api.Assertions.assertThat;

/** The uploads waiting in the spool: what tests check is left behind once a request or job ends. */
final class SpooledUploads {

	private SpooledUploads() {
	}

	static List<Path> in(ImportSpool spool) {
		if (!Files.isDirectory(spool.directory())) {
			return List.of();
		}
		try (var files = Files.list(spool.directory())) {
			return files.filter(f -> f.toString().endsWith(".spool")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits (at most 5 s) for the spool to hold {@code count} uploads: a job deletes its files just after it ends. */
	static void await(ImportSpool spool, int count) throws InterruptedException {
		for (int attempt = 0; attempt < 200 && in(spool).size() != count; attempt++) {
			Thread.sleep(25);
		}
		assertThat(in(spool)).hasSize(count);
	}

}
