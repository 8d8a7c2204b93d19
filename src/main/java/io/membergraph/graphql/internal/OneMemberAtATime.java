package io.membergraph.graphql.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A storefront, and a signed-in customer, read one member at a time: they cannot list or search members. Aliases
 * would undo that (five hundred {@code member(id:)} lookups, or as many profile updates that change nothing and
 * answer with the member, in one request, each request counted once by the rate limits), so their requests hold at
 * most a few top-level fields, aliases counted one by one. Roles that may list members are not limited here.
 */
public final class OneMemberAtATime extends SimplePerformantInstrumentation {

	/** Roles that read members one at a time. */
	private static final Set<String> ONE_AT_A_TIME = Set.of("ROLE_STOREFRONT", "ROLE_MEMBER");

	/** Roles that may list members anyway, whatever else the caller holds. */
	private static final Set<String> LISTING = Set.of("ROLE_ADMIN", "ROLE_CRM_SPECIALIST", "ROLE_SUPPORT",
			"ROLE_MARKETER");

	private final int maxFields;

	OneMemberAtATime(int maxFields) {
		this.maxFields = maxFields;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
			InstrumentationState state) {
		if (oneAtATime(SecurityContextHolder.getContext().getAuthentication())) {
			int fields = topLevelFields(parameters.getExecutionContext());
			if (fields > maxFields) {
				throw new AbortExecutionException("The request holds " + fields + " top-level fields; a storefront or a "
						+ "customer sends at most " + maxFields + " in one request (membergraph.graphql.max-storefront-fields), "
						+ "as it reads one member at a time");
			}
		}
		return super.beginExecuteOperation(parameters, state);
	}

	private static boolean oneAtATime(Authentication caller) {
		if (caller == null) {
			return false;
		}
		boolean limited = false;
		for (GrantedAuthority authority : caller.getAuthorities()) {
			if (LISTING.contains(authority.getAuthority())) {
				return false;
			}
			limited |= ONE_AT_A_TIME.contains(authority.getAuthority());
		}
		return limited;
	}

	private static int topLevelFields(ExecutionContext execution) {
		AtomicInteger fields = new AtomicInteger();
		OperationFields.visit(execution, field -> {
			if (field.getParentEnvironment() == null && !field.getField().getName().startsWith("__")) {
				fields.incrementAndGet();
			}
		});
		return fields.get();
	}

}
