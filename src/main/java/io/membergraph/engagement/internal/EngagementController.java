package io.membergraph.engagement.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionLog.InteractionPayload;
import io.membergraph.engagement.InteractionLog.MemberInteractionsPage;
import io.membergraph.engagement.InteractionLog.RecordInteractionInput;
import io.membergraph.engagement.InteractionLog;
import io.membergraph.engagement.InteractionRollups;
import io.membergraph.engagement.InteractionType;
import io.membergraph.engagement.PropertyVisibility;
import io.membergraph.member.Member;
import io.membergraph.shared.Connection;
import io.membergraph.shared.InvalidInputException;
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
public class EngagementController {

	private static final String MEMBER_INTERACTIONS = "memberInteractions";

	private static final String MEMBER_MONTHS = "memberInteractionMonths";

	/** One member's {@code interactionMonths(months:)}: a page of members asking the same is one read. */
	private record MemberMonths(String memberId, int months) {
	}

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
		batchLoaders.<MemberMonths, List<InteractionMonth>>forName(MEMBER_MONTHS)
			.registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> monthsOf(keys)));
	}

	private Map<MemberMonths, List<InteractionMonth>> monthsOf(Set<MemberMonths> keys) {
		Map<MemberMonths, List<InteractionMonth>> found = new java.util.HashMap<>();
		keys.stream().collect(java.util.stream.Collectors.groupingBy(MemberMonths::months)).forEach((months, sameMonths) -> {
			Map<String, List<InteractionMonth>> byMember = rollups.recentMonths(
					sameMonths.stream().map(MemberMonths::memberId).toList(), months);
			sameMonths.forEach(key -> found.put(key, byMember.getOrDefault(key.memberId(), List.of())));
		});
		return found;
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
	CompletableFuture<List<InteractionMonth>> interactionMonths(Member member, @Argument Integer months,
			DataFetchingEnvironment env) {
		int wanted = months == null ? 12 : months;
		if (wanted < 1 || wanted > 120) {
			throw new InvalidInputException("months", "must be between 1 and 120");
		}
		DataLoader<MemberMonths, List<InteractionMonth>> loader = env.getDataLoader(MEMBER_MONTHS);
		return loader.load(new MemberMonths(member.id(), wanted));
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
