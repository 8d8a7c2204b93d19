package io.membergraph.loyalty;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.member.Member;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class TierController {

	private final TierCatalog catalog;

	TierController(TierCatalog catalog) {
		this.catalog = catalog;
	}

	@QueryMapping
	List<Tier> tiers() {
		return catalog.tiers();
	}

	/** The tier of every member on the page, from one read of the tier catalogue. */
	@BatchMapping(typeName = "Member")
	Map<Member, Tier> tier(List<Member> members) {
		Map<String, Tier> byCode = catalog.all().stream().collect(Collectors.toMap(Tier::code, Function.identity()));
		return members.stream()
			.filter(m -> m.tierCode() != null && byCode.containsKey(m.tierCode()))
			.collect(Collectors.toMap(Function.identity(), m -> byCode.get(m.tierCode()), (a, b) -> a));
	}

}
