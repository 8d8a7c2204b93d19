package io.membergraph.customer.internal;

import java.util.List;

import io.membergraph.customer.ReadModelRebuild;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.UserError;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code rebuildReadModels}: an ADMIN checks, and on request mends, every read model kept at write time. */
@Controller
public class ReadModelController {

	private final ReadModelRebuild readModels;

	ReadModelController(ReadModelRebuild readModels) {
		this.readModels = readModels;
	}

	@MutationMapping
	RebuildReadModelsPayload rebuildReadModels(@Argument RebuildReadModelsInput input) {
		return Payloads.attempt(() -> readModels.rebuild(input != null && Boolean.TRUE.equals(input.repair())),
				RebuildReadModelsPayload::new);
	}

	/** Deprecated in the schema: order lists are read from the orders, so none can differ from them. */
	@SchemaMapping(typeName = "ReadModelReport", field = "memberOrderLists")
	List<String> memberOrderLists(ReadModelRebuild.Report report) {
		return List.of();
	}

	record RebuildReadModelsPayload(ReadModelRebuild.Report report, List<UserError> errors) {
	}

	record RebuildReadModelsInput(Boolean repair) {
	}

}
