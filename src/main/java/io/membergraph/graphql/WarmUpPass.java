package io.membergraph.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.membergraph.graphql.internal.NotReadyYet;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Lets the application's own warm-up requests through the readiness gate ({@link NotReadyYet}) before it is ready:
 * a request from this machine carrying {@link #HEADER} with this process's secret, which is made at start, never
 * leaves the process but over the loopback interface and is worth nothing once the application is ready (the gate
 * is open to everyone then).
 */
@Component
public class WarmUpPass {

	public static final String HEADER = "X-MemberGraph-Warm-Up";

	private final String secret;

	WarmUpPass() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.secret = HexFormat.of().formatHex(random);
	}

	/** The value of {@link #HEADER} that lets a request through. */
	public String secret() {
		return secret;
	}

	public boolean admits(HttpServletRequest request) {
		String presented = request.getHeader(HEADER);
		return presented != null && isLoopback(request.getRemoteAddr())
				&& MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
	}

	/** Whether the servlet container's literal remote address is a loopback one (no name is looked up). */
	private static boolean isLoopback(String address) {
		return address != null && (address.startsWith("127.") || address.equals("::1")
				|| address.equals("0:0:0:0:0:0:0:1"));
	}

}
