package io.membergraph.member;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateCandidatesTests extends ApplicationTest {

	@Test
	@SuppressWarnings("unchecked")
	void membersWithTheSameNameAndBirthDateAreCandidatesWithTheirEvidence() {
		String first = register("甄士隐", "1970-08-15", "苏州", "STORE");
		String second = register("甄士隐", "1970-08-15", "苏州", "TMALL");
		String namesake = register("甄士隐", "1988-01-01", "北京", "STORE");
		String sameCityOtherChannel = register("贾雨村", "1975-03-03", "扬州", "STORE");
		String sameCityOtherChannel2 = register("贾雨村", null, "扬州", "JD");
		String bornAnotherDay = register("贾雨村", "1980-09-09", "扬州", "APP");

		List<Map<String, Object>> candidates = as("crm").documentName("duplicateCandidates").execute()
			.path("duplicateCandidates").entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
		assertThat(candidates).anySatisfy(c -> {
			assertThat(ids(c)).containsExactly(first, second);
			assertThat((List<String>) c.get("evidence")).containsExactly("same name", "same birth date", "same city");
		});
		assertThat(candidates).anySatisfy(c -> {
			assertThat(ids(c)).containsExactly(sameCityOtherChannel, sameCityOtherChannel2);
			assertThat((List<String>) c.get("evidence")).containsExactly("same name", "same city");
		});
		assertThat(candidates).noneSatisfy(c -> assertThat(ids(c)).contains(namesake));
		assertThat(candidates).as("a known, different birth date rules a pair out")
			.noneSatisfy(c -> assertThat(ids(c)).containsExactlyInAnyOrder(sameCityOtherChannel, bornAnotherDay));
		assertThat(candidates).anySatisfy(c -> assertThat(ids(c)).containsExactly(sameCityOtherChannel2, bornAnotherDay));
		as("marketer").documentName("duplicateCandidates").execute()
			.errors().satisfy(errors -> assertThat(errors).isNotEmpty());
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(Map<String, Object> candidate) {
		return List.of(((Map<String, String>) candidate.get("first")).get("id"),
				((Map<String, String>) candidate.get("second")).get("id"));
	}

	private String register(String name, String birthDate, String city, String channel) {
		Map<String, Object> input = new HashMap<>(Map.of("name", name, "phone", newPhone(), "joinChannel", channel,
				"region", Map.of("city", city)));
		if (birthDate != null) {
			input.put("birthDate", birthDate);
		}
		return as("admin").documentName("registerMember").variable("input", input).execute()
			.path("registerMember.member.id").entity(String.class).get();
	}

}
