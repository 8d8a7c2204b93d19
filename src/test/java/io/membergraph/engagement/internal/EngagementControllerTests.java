package io.membergraph.engagement.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionLog.InteractionPayload;
import io.membergraph.engagement.InteractionLog;
import io.membergraph.engagement.InteractionRollups;
import io.membergraph.engagement.PropertyVisibility;
import io.membergraph.graphql.GraphQlSliceSupport;
import io.membergraph.shared.Channel;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

@GraphQlTest(EngagementController.class)
@Import(GraphQlSliceSupport.class)
class EngagementControllerTests {

	@Autowired
	GraphQlTester graphQl;

	@MockitoBean
	InteractionLog log;

	@MockitoBean
	InteractionRollups rollups;

	@MockitoBean
	PropertyVisibility visibility;

	@Test
	void freePropertiesTravelAsJsonBothWays() {
		given(visibility.asSeen(any())).willAnswer(call -> call.getArgument(0));
		given(log.record(any())).willAnswer(call -> {
			InteractionLog.RecordInteractionInput input = call.getArgument(0);
			return new InteractionPayload(new Interaction("e1", input.memberId(), null, input.channel(), input.type(),
					Instant.parse("2026-01-01T00:00:00Z"), null, null, null, input.properties(), Instant.parse("2026-01-01T00:00:01Z"), null, null), false, List.of());
		});
		graphQl.document("""
				mutation { recordInteraction(input: {memberId: "M1", channel: APP, type: SEARCH,
				  properties: {query: "面霜", results: 12, filtered: true}}) { interaction { properties } } }""")
			.execute()
			.path("recordInteraction.interaction.properties.query").entity(String.class).isEqualTo("面霜")
			.path("recordInteraction.interaction.properties.results").entity(Integer.class).isEqualTo(12);
		ArgumentCaptor<InteractionLog.RecordInteractionInput> input = ArgumentCaptor.forClass(InteractionLog.RecordInteractionInput.class);
		verify(log).record(input.capture());
		assertThat(input.getValue().properties()).isEqualTo(Map.of("query", "面霜", "results", 12L, "filtered", true));
		assertThat(input.getValue().channel()).isEqualTo(Channel.APP);
	}

}
