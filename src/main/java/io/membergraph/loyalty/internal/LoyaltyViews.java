package io.membergraph.loyalty.internal;

import io.membergraph.loyalty.LoyaltyInputs.TierStatusView;
import io.membergraph.shared.MappingConfig;
import org.mapstruct.Mapper;
import org.mapstruct.factory.Mappers;

/** Loyalty documents as the API shows them, without their bookkeeping (versions). */
@Mapper(config = MappingConfig.class)
public interface LoyaltyViews {

	LoyaltyViews MAPPER = Mappers.getMapper(LoyaltyViews.class);

	TierStatusView tierStatus(TierStatus status);

}
