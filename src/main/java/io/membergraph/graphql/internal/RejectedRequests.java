package io.membergraph.graphql.internal;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Requests the web server refuses before any of the service sees them (a URL with characters left unencoded, as
 * a mapping pasted into it has; a URL and headers beyond {@code server.max-http-request-header-size}) are answered
 * as every other bad request is: JSON with the reason and what to do, not Tomcat's bare HTML page without one.
 * <p>
 * Tomcat reports such refusals, and any error response nothing else wrote, through its host's error report valve;
 * this replaces the one Spring Boot installs. What the client sent is never echoed.
 */
@Component
public class RejectedRequests implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final DataSize maxHeaderSize;

	RejectedRequests(@Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
		this.maxHeaderSize = maxHeaderSize;
	}

	/** After Spring Boot's own customizer, whose valve this one replaces. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			StandardHost host = (StandardHost) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new JsonReport(maxHeaderSize));
			// Else the host adds Tomcat's own report when it starts, which would answer first, stack trace and all.
			host.setErrorReportValveClass(JsonReport.class.getName());
		});
	}

	/** The reason a refused request gets, from what Tomcat says of it. */
	static String reason(int status, Throwable refusal, DataSize maxHeaderSize) {
		String said = refusal == null || refusal.getMessage() == null ? "" : refusal.getMessage();
		if (said.startsWith("Request header is too large")) {
			return "the request's URL and headers are larger than the service accepts (" + maxHeaderSize.toKilobytes()
					+ " KB, server.max-http-request-header-size): send a long mapping as a form field of a multipart "
					+ "upload (curl -F 'mapping=...') rather than in the URL";
		}
		if (said.startsWith("Invalid character found in the request target")) {
			return "the URL holds characters that must be URL-encoded (a mapping's braces, quotes and spaces): curl's "
					+ "--url-query encodes a parameter, or send the parameters as form fields of a multipart upload";
		}
		if (said.startsWith("Invalid character found in method name")) {
			return "not an HTTP request (HTTPS sent to the service's plain HTTP port?)";
		}
		if (status >= 500) {
			return "the service could not answer the request";
		}
		return "the request was refused before the service read it (HTTP status " + status + ")" + (status == 400
				? ": most often an encoded character in the URL's path (%2F, %5C, %00) or a malformed request" : "");
	}

	static String body(int status, String reason) {
		// The reasons are this class's own words: nothing in them needs escaping but the quotes they hold.
		return "{\"error\":\"" + (status >= 500 ? "server_error" : "invalid_request") + "\",\"reason\":\""
				+ reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
	}

	private static final class JsonReport extends ErrorReportValve {

		private final DataSize maxHeaderSize;

		JsonReport(DataSize maxHeaderSize) {
			this.maxHeaderSize = maxHeaderSize;
			setShowReport(false);
			setShowServerInfo(false);
		}

		/** As Tomcat's own report: only for an error response nothing has written to yet, and only once. */
		@Override
		protected void report(Request request, Response response, Throwable refusal) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			try {
				response.setContentType("application/json");
				response.setCharacterEncoding("UTF-8");
				response.setHeader("X-Content-Type-Options", "nosniff");
				Writer out = response.getReporter();
				if (out != null) {
					out.write(body(status, reason(status, refusal, maxHeaderSize)));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException clientGone) {
				// Nothing more can be told to a client that is not there.
			}
		}

	}

}
