package io.membergraph.graphql;

import java.util.HashMap;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.SchemaMappingInspector;
import org.springframework.graphql.execution.SchemaReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema and the controllers agree: Spring for GraphQL's inspection (which Boot only logs at start-up) finds
 * no argument the schema lets a client send as null where the controller takes a primitive (such a request
 * failed with an internal error instead of a default or a named refusal), no argument it cannot bind, and no field
 * it cannot resolve but those of the few types the controllers answer as maps.
 */
class SchemaMappingTests extends ApplicationTest {

	@Test
	void everyArgumentAndFieldOfTheSchemaIsBoundAsTheSchemaAllows(@Autowired GraphQlSource graphQlSource) {
		GraphQLSchema schema = graphQlSource.schema();
		SchemaReport report = SchemaMappingInspector.inspect(schema, registeredFetchers(schema));

		assertThat(report.argumentNullnessErrors()).isEmpty();
		assertThat(report.fieldNullnessErrors()).isEmpty();
		assertThat(report.unmappedArguments()).isEmpty();
		assertThat(report.unmappedFields()).extracting(FieldCoordinates::getTypeName)
			.allMatch(type -> type.equals("InteractionCount") || type.equals("KSilhouette") || type.equals("CategoryShare"));
	}

	/**
	 * Every mutation reads alike to a client: at most one argument, {@code input}, and a payload that carries typed
	 * {@code errors} beside its result, so one way of handling a refusal serves them all.
	 */
	@Test
	void everyMutationTakesOneInputAndAnswersAPayloadWithTypedErrors(@Autowired GraphQlSource graphQlSource) {
		GraphQLSchema schema = graphQlSource.schema();
		assertThat(schema.getMutationType().getFieldDefinitions()).isNotEmpty().allSatisfy(mutation -> {
			assertThat(mutation.getArguments()).as(mutation.getName()).allMatch(argument -> argument.getName().equals("input"));
			GraphQLType payload = GraphQLTypeUtil.unwrapAll(mutation.getType());
			assertThat(payload).as(mutation.getName()).isInstanceOfSatisfying(GraphQLObjectType.class,
					object -> assertThat(object.getFieldDefinition("errors")).as(object.getName() + ".errors").isNotNull());
		});
	}

	/** The data fetchers the application registered, by type and field (not the default property fetchers). */
	private static Map<String, Map<String, DataFetcher>> registeredFetchers(GraphQLSchema schema) {
		GraphQLCodeRegistry registry = schema.getCodeRegistry();
		Map<String, Map<String, DataFetcher>> fetchers = new HashMap<>();
		for (var type : schema.getAllTypesAsList()) {
			if (type instanceof GraphQLObjectType object && !object.getName().startsWith("__")) {
				object.getFieldDefinitions().forEach(field -> {
					FieldCoordinates coordinates = FieldCoordinates.coordinates(object, field);
					if (registry.hasDataFetcher(coordinates)) {
						fetchers.computeIfAbsent(object.getName(), name -> new HashMap<>())
							.put(field.getName(), registry.getDataFetcher(coordinates, field));
					}
				});
			}
		}
		return fetchers;
	}

}
