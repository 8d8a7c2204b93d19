package io.membergraph.graphql.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the web server or the security firewall refuses, before the service reads the request, is answered as any
 * bad request is: JSON with the reason and what to do, never Tomcat's page (which names its version, and with the
 * valve it starts with, the request and a stack trace) nor an error without a reason.
 */
class RejectedRequestsTests extends ApplicationTest {

	@Test
	void aMappingPastedIntoTheUrlUnencodedIsAnsweredWithHowToSendIt() throws IOException {
		String answer = exchange("POST /api/import/orders/preview?mapping={\"orderNumber\":\"InvoiceNo\"} HTTP/1.1\r\n"
				+ "Host: localhost\r\nAuthorization: Bearer " + token("crm") + "\r\nContent-Type: text/csv\r\n"
				+ "Content-Length: 0\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Type: application/json");
		assertThat(body(answer)).startsWith("{\"error\":\"invalid_request\",\"reason\":\"the URL holds characters that "
				+ "must be URL-encoded").contains("--url-query");
		assertThat(answer).as("nothing of the request echoed, no server details").doesNotContain("InvoiceNo", "Tomcat",
				"java.lang", "<html");
	}

	@Test
	void aUrlBeyondTheServersLimitIsAnsweredWithTheLimitAndTheWayAround() throws IOException {
		String answer = exchange("GET /api/import/jobs?fileName=" + "x".repeat(40_000) + " HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Type: application/json");
		assertThat(body(answer)).contains("larger than the service accepts (32 KB, server.max-http-request-header-size)",
				"form field of a multipart upload");
		assertThat(answer).doesNotContain("xxxx", "Tomcat", "<html");
	}

	/** Tomcat's default of 8 KB is less than a mapping translating many values needs in a URL. */
	@Test
	void aMappingOfTwentyKilobytesInTheUrlReachesTheImport() throws Exception {
		String genders = IntStream.range(0, 380).mapToObj(i -> "\"性别写法" + i + "\":\"" + (i % 2 == 0 ? "MALE" : "FEMALE") + "\"")
			.collect(Collectors.joining(","));
		String mapping = "{\"name\":\"会员姓名\",\"phone\":\"手机号\",\"gender\":{\"column\":\"性别\",\"values\":{" + genders
				+ ",\"男\":\"MALE\"}},\"joinChannel\":{\"value\":\"STORE\"}}";
		String query = "mapping=" + URLEncoder.encode(mapping, StandardCharsets.UTF_8);
		assertThat(query.length()).isBetween(20_000, 30_000);

		HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/import/members/preview?" + query))
			.header("Authorization", "Bearer " + token("crm"))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString("会员姓名,手机号,性别\n张伟," + newPhone() + ",性别写法3\n"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).as("the mapping's own translation, far into the URL")
			.contains("\"outcome\":\"LOADED\"", "\"value\":\"性别写法3\",\"cleaned\":\"FEMALE\"");
	}

	@Test
	void bytesThatAreNoHttpRequestAreAnsweredSo() throws IOException {
		String answer = exchange("\u0016\u0003\u0001 / HTTP/1.1\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(body(answer)).isEqualTo("{\"error\":\"invalid_request\",\"reason\":\"not an HTTP request (HTTPS sent to "
				+ "the service's plain HTTP port?)\"}");
	}

	@Test
	void aPathOrHeaderTheFirewallRefusesIsAnsweredWithTheReasonNotEchoed() throws IOException {
		for (String request : new String[] { "GET /console/..;/secret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/import/jobs HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: k\u0099ey\r\nConnection: close\r\n\r\n" }) {
			String answer = exchange(request);

			assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Type: application/json");
			assertThat(body(answer)).contains("a character or sequence the service refuses");
			assertThat(answer).doesNotContain("secret", "k\u0099ey", "<html");
		}
		assertThat(body(exchange("GET /api/import/jobs/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")))
			.contains("an encoded character in the URL's path");
	}

	@Test
	void theReasonsAreValidJsonWhateverTheyHold() {
		assertThat(RejectedRequests.body(503, "a \"quoted\" \\ reason"))
			.isEqualTo("{\"error\":\"server_error\",\"reason\":\"a \\\"quoted\\\" \\\\ reason\"}");
		assertThat(RejectedRequests.reason(505, new IllegalArgumentException("something else"), null))
			.isEqualTo("the service could not answer the request");
		assertThat(RejectedRequests.reason(400, null, null)).isEqualTo("the request was refused before the service read "
				+ "it (HTTP status 400): most often an encoded character in the URL's path (%2F, %5C, %00) or a malformed request");
		assertThat(RejectedRequests.reason(408, null, null))
			.isEqualTo("the request was refused before the service read it (HTTP status 408)");
	}

	/** Sends the bytes as they are (an HTTP client would encode or refuse them) and reads the answer whole. */
	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	private static String body(String answer) {
		return answer.substring(answer.indexOf("\r\n\r\n") + 4);
	}

}
