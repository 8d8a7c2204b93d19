package io.membergraph.graphql;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The pass lets only this process's own requests through the readiness gate: its secret, from this machine. */
class WarmUpPassTests {

	private final WarmUpPass pass = new WarmUpPass();

	@Test
	void admitsItsSecretFromTheLoopbackInterfaceOnly() {
		assertThat(pass.admits(request("127.0.0.1", pass.secret()))).isTrue();
		assertThat(pass.admits(request("0:0:0:0:0:0:0:1", pass.secret()))).isTrue();

		assertThat(pass.admits(request("10.0.0.5", pass.secret()))).isFalse();
		assertThat(pass.admits(request("127.0.0.1", null))).isFalse();
		assertThat(pass.admits(request("127.0.0.1", new WarmUpPass().secret()))).isFalse();
		assertThat(pass.admits(request("127.0.0.1", pass.secret().substring(1)))).isFalse();
	}

	@Test
	void eachProcessHasASecretOfItsOwn() {
		assertThat(pass.secret()).hasSize(64).isNotEqualTo(new WarmUpPass().secret());
	}

	private static MockHttpServletRequest request(String from, String secret) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setRemoteAddr(from);
		if (secret != null) {
			request.addHeader(WarmUpPass.HEADER, secret);
		}
		return request;
	}

}
