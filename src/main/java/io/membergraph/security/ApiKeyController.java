package io.membergraph.security;

import io.membergraph.shared.InvalidInputException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

@Controller
class ApiKeyController {

	private final Credentials credentials;

	ApiKeyController(Credentials credentials) {
		this.credentials = credentials;
	}

	record IssueApiKeyInput(String name) {
	}

	record IssueApiKeyPayload(String apiKey) {
	}

	@MutationMapping
	IssueApiKeyPayload issueApiKey(@Argument IssueApiKeyInput input) {
		String name = InvalidInputException.maxLength("name", InvalidInputException.requireText("name", input.name()), 100);
		return new IssueApiKeyPayload(credentials.issueApiKey(name));
	}

}
