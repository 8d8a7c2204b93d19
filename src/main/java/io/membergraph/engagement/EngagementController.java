package io.membergraph.engagement;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.membergraph.engagement.InteractionLog.InteractionPayload;
import io.membergraph.engagement.InteractionLog.MemberInteractionsPage;
import io.membergraph.engagement.InteractionLog.RecordInteractionInput;
import io.membergraph.member.Member;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.UserError;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
class EngagementController {

	private static final String MEMBER_INTERACTIONS = "memberInteractions";

	private final InteractionLog log;

	private final InteractionRollups rollups;

	private final PropertyVisibility visibility;

	EngagementController(InteractionLog log, InteractionRollups rollups, PropertyVisibility visibility,
			BatchLoaderRegistry batchLoaders) {
		this.log = log;
		this.visibility = visibility;
		this.rollups = rollups;
		batchLoaders.<MemberInteractionsPage, Connection<Interaction>>forName(MEMBER_INTERACTIONS)
			.registerMappedBatchLoader((pages, env) -> Mono.fromSupplier(() -> log.pagesFor(pages)));
	}

	@SchemaMapping(typeName = "Interaction")
	Map<String, Object> properties(Interaction interaction) {
		return visibility.asSeen(interaction.properties());
	}

	@QueryMapping
	List<String> visiblePropertyKeys() {
		return visibility.visibleKeys();
	}

	@MutationMapping
	VisiblePropertyKeysPayload setVisiblePropertyKeys(@Argument SetVisiblePropertyKeysInput input) {
		return new VisiblePropertyKeysPayload(visibility.setVisibleKeys(input.keys()), List.of());
	}

	record SetVisiblePropertyKeysInput(List<String> keys) {
	}

	record VisiblePropertyKeysPayload(List<String> keys, List<UserError> errors) {
	}

	@MutationMapping
	InteractionPayload recordInteraction(@Argument RecordInteractionInput input) {
		return log.record(input);
	}

	@SchemaMapping(typeName = "Member")
	List<InteractionMonth> interactionMonths(Member member, @Argument Integer months) {
		return rollups.recentMonths(member.id(), months == null ? 12 : months);
	}

	@SchemaMapping(typeName = "InteractionMonth")
	List<Map<String, Object>> counts(InteractionMonth month) {
		return month.counts().entrySet().stream()
			.map(e -> Map.<String, Object>of("type", e.getKey(), "count", e.getValue()))
			.toList();
	}

	@SchemaMapping(typeName = "Member")
	CompletableFuture<Connection<Interaction>> interactions(Member member, @Argument Integer first,
			@Argument String after, @Argument List<InteractionType> types, DataFetchingEnvironment env) {
		Set<InteractionType> wanted = types == null || types.isEmpty() ? Set.of() : EnumSet.copyOf(types);
		DataLoader<MemberInteractionsPage, Connection<Interaction>> loader = env.getDataLoader(MEMBER_INTERACTIONS);
		return loader.load(new MemberInteractionsPage(member.id(), wanted, PageRequest.of(first, after)));
	}

}
