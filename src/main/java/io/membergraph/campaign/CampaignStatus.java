package io.membergraph.campaign;

public enum CampaignStatus {

	DRAFT, LAUNCHED, ENDED

}
