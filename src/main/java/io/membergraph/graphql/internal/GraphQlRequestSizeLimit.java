package io.membergraph.graphql.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A GraphQL request body beyond {@code membergraph.graphql.max-request-size} is answered 413 before it is parsed: a
 * 20 MB variable would otherwise be read, held and echoed back in the error. A body without a length (chunked) is
 * read up to the limit and refused as soon as it passes it. Imports have their own, larger limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class GraphQlRequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	GraphQlRequestSizeLimit(QueryLimitsProperties limits) {
		this.maxBytes = limits.maxRequestSize().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().substring(request.getContextPath().length()).equals("/graphql");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			refuse(response);
			return;
		}
		if (declared >= 0) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		if (body.length > maxBytes) {
			refuse(response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"error\":\"too large\",\"reason\":\"A GraphQL request may hold at most " + maxBytes
				+ " bytes (membergraph.graphql.max-request-size); load data through /api/import\"}");
	}

	/** The request with its body already read. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body was read already");
				}

			};
		}

	}

}
