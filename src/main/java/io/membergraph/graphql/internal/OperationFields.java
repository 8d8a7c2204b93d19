package io.membergraph.graphql.internal;

import java.util.function.Consumer;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.ExecutionContext;

/** The fields of the operation being run, with this request's variables, aliases one by one: what limits count. */
public final class OperationFields {

	private OperationFields() {
	}

	static void visit(ExecutionContext execution, Consumer<QueryVisitorFieldEnvironment> visitor) {
		QueryTraverser.newQueryTraverser()
			.schema(execution.getGraphQLSchema())
			.document(execution.getDocument())
			.operationName(execution.getExecutionInput().getOperationName())
			.coercedVariables(execution.getCoercedVariables())
			.build()
			.visitPreOrder(new QueryVisitorStub() {
				@Override
				public void visitField(QueryVisitorFieldEnvironment field) {
					visitor.accept(field);
				}
			});
	}

}
