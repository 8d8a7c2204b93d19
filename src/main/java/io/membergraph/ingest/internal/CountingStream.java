package io.membergraph.ingest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that counts the bytes read through it: how far an import has read its file (its progress, a gzip file's
 * ratio). It marks and resets as the stream under it does, the count going back with it.
 */
public class CountingStream extends FilterInputStream {

	private long count;

	private long marked;

	CountingStream(InputStream in) {
		super(in);
	}

	/** The bytes read so far. */
	final long count() {
		return count;
	}

	/** Called with each read's bytes once counted; for a subclass that bounds what is read. */
	protected void counted(long bytes) {
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		add(b < 0 ? 0 : 1);
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		add(Math.max(0, n));
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		add(skipped);
		return skipped;
	}

	@Override
	public synchronized void mark(int readLimit) {
		super.mark(readLimit);
		marked = count;
	}

	@Override
	public synchronized void reset() throws IOException {
		super.reset();
		count = marked;
	}

	private void add(long bytes) {
		count += bytes;
		counted(bytes);
	}

}
