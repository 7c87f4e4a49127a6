"""Two Pilot Status tenants' numbers, one explicit provider per tenant, from Python (the SDK generated from schema.json)."""

import pulumi
import pulumi_pilotstatus as pilotstatus

config = pulumi.Config()
base_url = config.get("baseUrl") or "https://pilotstatus.com.br"

# One explicit provider per tenant: each has its own key; a resource or function names the one it belongs to.
acme = pilotstatus.Provider("acme", api_key=config.require_secret("acmeApiKey"), base_url=base_url)
globex = pilotstatus.Provider("globex", api_key=config.require_secret("globexApiKey"), base_url=base_url)

acme_support = pilotstatus.WhatsAppNumber(
    "acmeSupport",
    name="Acme support",
    number="+55 11 90000-0101",
    opts=pulumi.ResourceOptions(provider=acme),
)
globex_support = pilotstatus.WhatsAppNumber(
    "globexSupport",
    name="Globex support",
    number="+55 21 90000-0201",
    opts=pulumi.ResourceOptions(provider=globex),
)

acme_support_health = pilotstatus.get_number_health_output(
    number_id=acme_support.number_id,
    opts=pulumi.InvokeOptions(provider=acme),
)
globex_numbers = pilotstatus.get_numbers_output(opts=pulumi.InvokeOptions(provider=globex))

pulumi.export("acmeSupportState", acme_support.state)
pulumi.export("acmeSupportHealthState", acme_support_health.state)
pulumi.export("globexSupportId", globex_support.number_id)
pulumi.export("globexNumbers", globex_numbers.numbers)
pulumi.export("acmePairingCode", acme_support.pairing_code)
