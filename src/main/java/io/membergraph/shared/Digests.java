package io.membergraph.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as hex, for stored key hashes and request fingerprints. */
public final class Digests {

	/** Cloned for each digest: looking the algorithm up among the providers cost more than the digest itself. */
	private static final MessageDigest SHA_256;

	static {
		try {
			SHA_256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private Digests() {
	}

	/** The hex SHA-256 of the text, cut to {@code bytes} bytes (a fingerprint need not be the whole digest). */
	public static String sha256Hex(String text, int bytes) {
		try {
			byte[] digest = ((MessageDigest) SHA_256.clone()).digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, Math.min(bytes, digest.length));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("The runtime's SHA-256 can be cloned", ex);
		}
	}

	public static String sha256Hex(String text) {
		return sha256Hex(text, 32);
	}

}
