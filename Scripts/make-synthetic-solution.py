#!/usr/bin/env python3
"""Write one synthetic, unpacked Power Platform solution (SolutionPackager layout) for benchmarks.

    make-synthetic-solution.py OUT_DIR --flows N --envvars M --parts K --connrefs C --credentials R
        --seed S --unique-name NAME [--flow-kb MIN MAX] [--part-kb MIN MAX]

Layout (same as samples/):
    Other/Solution.xml                     one type-29 RootComponent per flow
    Other/Customizations.xml               <Workflows /> empty, C connection references (default 5)
    Workflows/<Name>-<GUID>.json           N cloud flows (Category 5), 10-200 KB of realistic JSON each
    Workflows/<Name>-<GUID>.json.data.xml
    environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml   M definitions
    environmentvariabledefinitions/<schema>/environmentvariablevalues.json      for every 2nd one
    WebResources/<name>                    K opaque binary parts, 50-500 KB each
    credentials/<folder>/credential.xml    R credentials (String env var user, Secret password)

The output depends only on the arguments: the same arguments give byte-identical files.
With the default sizes, `--flows 1500 --envvars 200 --parts 100` writes about 195-200 MB
(flows average ~105 KB, parts ~275 KB; about 45 s).
Only the Python 3 standard library is used.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import uuid

BOM = "\ufeff"
DECL = '<?xml version="1.0" encoding="utf-8"?>\n'
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
LOGIC_SCHEMA = "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#"

# --------------------------------------------------------------------------------------------
# vocabulary

WORDS = """account action address agreement alert allocation amount analysis approval archive asset
audit backlog balance batch billing booking branch budget calendar campaign case catalog category
certificate change channel claim client comment compliance contact contract cost customer dashboard
deadline delivery department deposit device discount document draft employee entry escalation estimate
event exception expense export feedback file folder forecast form grant holiday incident inventory
invoice item journal ledger lead license location machine meeting member milestone notice opportunity
order owner partner payment payroll permit policy portal position price priority product project
purchase quote receipt record refund region reminder renewal report request reservation resource
review risk role schedule shipment site snapshot status subscription supplier survey task team
template territory ticket timesheet training transfer trip vendor visit voucher warehouse workflow""".split()

VERBS = """Sync Process Approve Archive Notify Escalate Validate Import Export Update Create Close Assign
Reconcile Publish Review Collect Generate Cleanup Refresh Route Track Backup Merge Flag""".split()

DEPTS = ["Finance", "HR", "Sales & Marketing", "IT Ops", "Procurement", "Legal", "Facilities",
         "Customer Service", "Admin", "Field Service", "Logistics", "Compliance"]

ADJ = """daily weekly monthly pending overdue new updated urgent approved rejected active inactive
regional global internal external primary secondary final draft""".split()

NAMES = ["Anna", "Björn", "Chloé", "Dmitri", "Esra", "François", "Grace", "Hiroshi", "Inés", "Jonas",
         "Kamala", "Lars", "Mei", "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Søren", "Tomás"]

CONNECTORS = [
    # api name, display, operations
    ("shared_commondataserviceforapps", "Microsoft Dataverse"),
    ("shared_office365", "Office 365 Outlook"),
    ("shared_sharepointonline", "SharePoint"),
    ("shared_teams", "Microsoft Teams"),
    ("shared_office365users", "Office 365 Users"),
]

ENV_TYPES = [  # (code, weight)
    (100000000, 40),  # String
    (100000001, 12),  # Number
    (100000002, 12),  # Boolean
    (100000003, 10),  # JSON
    (100000004, 6),   # Data Source
    (100000005, 20),  # Secret
]

ZONES = ["UTC", "W. Europe Standard Time", "Pacific Standard Time", "Eastern Standard Time",
         "Tokyo Standard Time", "India Standard Time"]


def xml_attr(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def new_guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def flow_file_name(display, wid):
    return re.sub(r"[^A-Za-z0-9_-]", "", display)[:50] + "-" + wid.upper() + ".json"


def camel(words):
    return "".join(w[:1].upper() + w[1:] for w in words)


def sentence(rng, lo=6, hi=18):
    n = rng.randint(lo, hi)
    ws = [rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        ws.insert(rng.randrange(len(ws)), rng.choice(NAMES))
    if rng.random() < 0.3:
        ws.insert(rng.randrange(len(ws)), rng.choice(ADJ))
    s = " ".join(ws)
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "!", "?"])


def paragraph(rng, lo=2, hi=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def write_text(path, text, bom=False):
    write_bytes(path, ((BOM if bom else "") + text).encode("utf-8"))


# --------------------------------------------------------------------------------------------
# solution-level XML

def address_block(n):
    nil = lambda t: f'          <{t} xsi:nil="true"></{t}>'
    lines = ["        <Address>", f"          <AddressNumber>{n}</AddressNumber>",
             "          <AddressTypeCode>1</AddressTypeCode>"]
    lines += [nil(t) for t in ["City", "County", "Country", "Fax", "FreightTermsCode", "ImportSequenceNumber",
                               "Latitude", "Line1", "Line2", "Line3", "Longitude", "Name", "PostalCode",
                               "PostOfficeBox", "PrimaryContactName"]]
    lines.append("          <ShippingMethodCode>1</ShippingMethodCode>")
    lines += [nil(t) for t in ["StateOrProvince", "Telephone1", "Telephone2", "Telephone3",
                               "TimeZoneRuleVersionNumber", "UPSZone", "UTCOffset", "UTCConversionTimeZoneCode"]]
    lines.append("        </Address>")
    return lines


def solution_xml(args, flow_ids):
    lines = [
        f'<ImportExportXml version="9.2.24101.200" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" {XSI}>',
        "  <SolutionManifest>",
        f"    <UniqueName>{xml_text(args.unique_name)}</UniqueName>",
        "    <LocalizedNames>",
        f'      <LocalizedName description="{xml_attr(args.unique_name)}" languagecode="1033" />',
        "    </LocalizedNames>",
        "    <Descriptions>",
        f'      <Description description="Synthetic benchmark solution (seed {args.seed})" languagecode="1033" />',
        "    </Descriptions>",
        "    <Version>1.0.0.0</Version>",
        "    <Managed>0</Managed>",
        "    <Publisher>",
        "      <UniqueName>SyntheticPublisher</UniqueName>",
        "      <LocalizedNames>",
        '        <LocalizedName description="Synthetic Publisher" languagecode="1033" />',
        "      </LocalizedNames>",
        "      <Descriptions />",
        '      <EMailAddress xsi:nil="true"></EMailAddress>',
        '      <SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>',
        f"      <CustomizationPrefix>{args.prefix}</CustomizationPrefix>",
        "      <CustomizationOptionValuePrefix>10001</CustomizationOptionValuePrefix>",
        "      <Addresses>",
    ]
    lines += address_block(1) + address_block(2)
    lines += ["      </Addresses>", "    </Publisher>"]
    if flow_ids:
        lines.append("    <RootComponents>")
        for wid in sorted(flow_ids):
            lines.append(f'      <RootComponent type="29" id="{{{wid}}}" behavior="0" />')
        lines.append("    </RootComponents>")
    else:
        lines.append("    <RootComponents />")
    lines += ["    <MissingDependencies />", "  </SolutionManifest>", "</ImportExportXml>"]
    return DECL + "\n".join(lines)


def customizations_xml(connrefs):
    lines = [f"<ImportExportXml {XSI}>"]
    for s in ["Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps",
              "EntityRelationships", "OrganizationSettings", "optionsets", "WebResources", "CustomControls",
              "EntityDataProviders"]:
        lines.append(f"  <{s} />")
    lines.append("  <connectionreferences>")
    for ref in connrefs:
        lines += [
            f'    <connectionreference connectionreferencelogicalname="{ref["logical"]}">',
            f"      <connectionreferencedisplayname>{xml_text(ref['display'])}</connectionreferencedisplayname>",
            f"      <connectorid>/providers/Microsoft.PowerApps/apis/{ref['api']}</connectorid>",
            f"      <description>{xml_text(ref['description'])}</description>",
            "      <iscustomizable>1</iscustomizable>",
            "      <promptingbehavior>0</promptingbehavior>",
            "      <statecode>0</statecode>",
            "      <statuscode>1</statuscode>",
            "    </connectionreference>",
        ]
    lines += ["  </connectionreferences>", "  <Languages>", "    <Language>1033</Language>", "  </Languages>",
              "</ImportExportXml>"]
    return DECL + "\n".join(lines)


def workflow_data_xml(wid, display, file_name, state_on):
    lines = [
        f'<Workflow WorkflowId="{{{wid}}}" Name="{xml_attr(display)}" {XSI}>',
        f"  <JsonFileName>/Workflows/{file_name}</JsonFileName>",
        "  <Type>1</Type>",
        "  <Subprocess>0</Subprocess>",
        "  <Category>5</Category>",
        "  <Mode>0</Mode>",
        "  <Scope>4</Scope>",
        "  <OnDemand>0</OnDemand>",
        "  <TriggerOnCreate>0</TriggerOnCreate>",
        "  <TriggerOnDelete>0</TriggerOnDelete>",
        "  <AsyncAutodelete>0</AsyncAutodelete>",
        "  <SyncWorkflowLogOnFailure>0</SyncWorkflowLogOnFailure>",
        f"  <StateCode>{1 if state_on else 0}</StateCode>",
        f"  <StatusCode>{2 if state_on else 1}</StatusCode>",
        "  <RunAs>1</RunAs>",
        "  <IsTransacted>1</IsTransacted>",
        "  <IntroducedVersion>1.0.0.0</IntroducedVersion>",
        "  <IsCustomizable>1</IsCustomizable>",
        "  <IsCustomProcessingStepAllowedForOtherPublishers>1</IsCustomProcessingStepAllowedForOtherPublishers>",
        "  <PrimaryEntity>none</PrimaryEntity>",
        "  <LocalizedNames>",
        f'    <LocalizedName languagecode="1033" description="{xml_attr(display)}" />',
        "  </LocalizedNames>",
        "</Workflow>",
    ]
    return DECL + "\n".join(lines)


# --------------------------------------------------------------------------------------------
# environment variables

def make_envvars(args):
    rng = random.Random(f"{args.seed}/envvars")
    codes = [c for c, _ in ENV_TYPES]
    weights = [w for _, w in ENV_TYPES]
    out, seen = [], set()
    for i in range(args.envvars):
        while True:
            ws = [rng.choice(WORDS) for _ in range(rng.randint(2, 3))]
            schema = f"{args.prefix}_{camel(ws)}"
            if schema.lower() not in seen:
                break
            schema = f"{schema}{i}"
            if schema.lower() not in seen:
                break
        seen.add(schema.lower())
        typ = rng.choices(codes, weights)[0]
        out.append({"schema": schema, "display": " ".join(ws).capitalize(), "type": typ,
                    "description": sentence(rng, 5, 12) if rng.random() < 0.6 else None,
                    "default": default_for(rng, typ) if rng.random() < 0.4 else None,
                    "value_id": new_guid(rng), "value": value_for(rng, typ, schema),
                    "has_value": i % 2 == 0})
    return out


def default_for(rng, typ):
    if typ == 100000000:
        return rng.choice(["https://contoso.sharepoint.com/sites/", "ops@contoso.com", "EMEA", "/api/v2"]) + rng.choice(WORDS)
    if typ == 100000001:
        return str(rng.randint(1, 500))
    if typ == 100000002:
        return rng.choice(["yes", "no"])
    if typ == 100000003:
        return json.dumps({"retries": rng.randint(1, 5), "mode": rng.choice(ADJ), "tags": [rng.choice(WORDS) for _ in range(3)]})
    return None  # Data Source and Secret definitions carry no default


def value_for(rng, typ, schema):
    if typ == 100000000:
        return rng.choice(["https://contoso.sharepoint.com/sites/", "CONTOSO\\svc-", "team-", "org"]) + rng.choice(WORDS)
    if typ == 100000001:
        return str(rng.randint(1, 10000))
    if typ == 100000002:
        return rng.choice(["yes", "no"])
    if typ == 100000003:
        return json.dumps({rng.choice(WORDS): [rng.randint(0, 99) for _ in range(4)], "owner": rng.choice(NAMES)},
                          ensure_ascii=False)
    if typ == 100000004:
        return "https://contoso.sharepoint.com/sites/" + rng.choice(WORDS) + rng.choice(WORDS)
    return ("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-" + rng.choice(WORDS) +
            "/providers/Microsoft.KeyVault/vaults/kv-" + rng.choice(WORDS) + "/secrets/" +
            schema.split("_", 1)[1].lower())


def envvar_definition_xml(ev):
    lines = [f'<environmentvariabledefinition schemaname="{ev["schema"]}">']
    if ev["type"] == 100000004:
        lines.append("  <apiid>/providers/microsoft.powerapps/apis/shared_sharepointonline</apiid>")
    if ev["default"] is not None:
        lines.append(f"  <defaultvalue>{xml_text(ev['default'])}</defaultvalue>")
    if ev["description"]:
        d = xml_attr(ev["description"])
        lines += [f'  <description default="{d}">', f'    <label description="{d}" languagecode="1033" />',
                  "  </description>"]
    d = xml_attr(ev["display"])
    lines += [f'  <displayname default="{d}">', f'    <label description="{d}" languagecode="1033" />',
              "  </displayname>",
              "  <introducedversion>1.0.0.0</introducedversion>",
              "  <iscustomizable>1</iscustomizable>",
              "  <isrequired>0</isrequired>"]
    if ev["type"] == 100000004:
        lines.append("  <parameterkey>dataset</parameterkey>")
    lines += ["  <secretstore>0</secretstore>", f"  <type>{ev['type']}</type>", "</environmentvariabledefinition>"]
    return "\n".join(lines)


def envvar_values_json(ev):
    doc = {"environmentvariablevalues": {"environmentvariablevalue": {
        "@environmentvariablevalueid": ev["value_id"], "iscustomizable": "1", "value": ev["value"]}}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# connection references

def make_connrefs(args):
    """--connrefs references, cycling through CONNECTORS; the first five are the same
    whatever the count, so trees from before --connrefs are unchanged."""
    rng = random.Random(f"{args.seed}/connrefs")
    refs, seen = [], set()
    for i in range(args.connrefs):
        api, display = CONNECTORS[i % len(CONNECTORS)]
        suffix = "%05x" % rng.getrandbits(20)
        logical = f"{args.prefix}_{api.replace('_', '')}_{suffix}"
        if logical in seen:
            logical += f"_{i}"
        seen.add(logical)
        refs.append({"api": api, "display": display if i < len(CONNECTORS) else f"{display} {i}",
                     "logical": logical,
                     "description": f"{display} connection for {args.unique_name}"})
    return refs


# --------------------------------------------------------------------------------------------
# credentials (docs/credential-format.md): a String env var as username, a Secret as password

def make_credentials(args, envvars):
    rng = random.Random(f"{args.seed}/credentials")
    users = [e for e in envvars if e["type"] == 100000000]
    secrets = [e for e in envvars if e["type"] == 100000005]
    out = []
    for i in range(args.credentials):
        words = [rng.choice(WORDS).capitalize() for _ in range(2)]
        name = f"{' '.join(words)} Login {i}"
        out.append({"name": name, "folder": re.sub(r"[^A-Za-z0-9_-]", "", name),
                    "description": sentence(rng, 4, 10),
                    "username": rng.choice(users)["schema"] if users else None,
                    "password": rng.choice(secrets)["schema"] if secrets else None})
    return out


def credential_xml(credential):
    lines = [f'<credential name="{xml_attr(credential["name"])}">',
             "  <connectiontype>1</connectiontype>",
             "  <credentialtype>1</credentialtype>",
             f"  <description>{xml_text(credential['description'])}</description>",
             "  <iscustomizable>1</iscustomizable>"]
    if credential["password"]:
        lines.append(f"  <password>{credential['password']}</password>")
    lines += ["  <statecode>0</statecode>", "  <statuscode>1</statuscode>",
              "  <store>azurekeyvault</store>", "  <usagetype>280920001</usagetype>"]
    if credential["username"]:
        lines.append(f"  <username>{credential['username']}</username>")
    lines.append("</credential>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# flows

class FlowBuilder:
    def __init__(self, rng, connrefs, envvars, earlier_flow_ids):
        self.rng = rng
        self.names = set()
        self.earlier = earlier_flow_ids
        k = rng.randint(1, 3)
        chosen = rng.sample(connrefs, min(k, len(connrefs)))
        self.conns = {}  # key in connectionReferences -> connref
        for ref in chosen:
            key = ref["api"] if rng.random() < 0.7 else ref["api"] + "_1"
            self.conns[key] = ref
        usable = [e for e in envvars if e["type"] != 100000005]
        self.params = {}  # parameter name -> envvar
        if usable:
            for ev in rng.sample(usable, min(len(usable), rng.randint(0, 3))):
                self.params[f"{ev['display']} ({ev['schema']})"] = ev
        secrets = [e for e in envvars if e["type"] == 100000005]
        self.secret = rng.choice(secrets) if secrets and rng.random() < 0.25 else None

    def name(self, base):
        n, i = base, 1
        while n in self.names:
            i += 1
            n = f"{base}_{i}"
        self.names.add(n)
        return n

    def meta(self):
        return {"operationMetadataId": new_guid(self.rng)}

    def param_expr(self):
        if self.params and self.rng.random() < 0.5:
            return f"@parameters('{self.rng.choice(sorted(self.params))}')"
        return f"@variables('{camel([self.rng.choice(WORDS)])}')"

    def conn_key(self, api=None):
        keys = [k for k, r in self.conns.items() if api is None or r["api"] == api]
        return self.rng.choice(keys) if keys else None

    # leaf actions -----------------------------------------------------------------------
    def compose(self):
        r = self.rng
        return self.name("Compose_" + r.choice(WORDS)), {
            "runAfter": {}, "metadata": self.meta(), "type": "Compose",
            "inputs": paragraph(r, 1, 4) + " " + self.param_expr()}

    def init_var(self):
        r = self.rng
        typ = r.choice(["string", "integer", "boolean", "array", "object"])
        val = {"string": sentence(r, 3, 8), "integer": r.randint(0, 1000), "boolean": r.random() < 0.5,
               "array": [r.choice(WORDS) for _ in range(r.randint(1, 6))],
               "object": {w: r.choice(ADJ) for w in r.sample(WORDS, 3)}}[typ]
        vname = camel([r.choice(ADJ), r.choice(WORDS)])
        return self.name("Initialize_" + vname), {
            "runAfter": {}, "metadata": self.meta(), "type": "InitializeVariable",
            "inputs": {"variables": [{"name": vname, "type": typ, "value": val}]}}

    def set_var(self):
        r = self.rng
        vname = camel([r.choice(ADJ), r.choice(WORDS)])
        return self.name("Set_" + vname), {
            "runAfter": {}, "metadata": self.meta(), "type": "SetVariable",
            "inputs": {"name": vname, "value": f"@{{concat('{r.choice(WORDS)}-', {self.param_expr()[1:]})}}"}}

    def parse_json(self):
        r = self.rng

        def schema(depth):
            props = {}
            for w in r.sample(WORDS, r.randint(2, 6)):
                t = r.choice(["string", "integer", "boolean", "object", "array"] if depth < 2 else ["string", "integer"])
                if t == "object":
                    props[w] = schema(depth + 1)
                elif t == "array":
                    props[w] = {"type": "array", "items": schema(depth + 1)}
                else:
                    props[w] = {"type": t, "description": sentence(r, 3, 7)}
            return {"type": "object", "properties": props, "required": sorted(r.sample(list(props), 1))}

        return self.name("Parse_" + r.choice(WORDS) + "_response"), {
            "runAfter": {}, "metadata": self.meta(), "type": "ParseJson",
            "inputs": {"content": f"@body('{r.choice(WORDS)}')", "schema": schema(0)}}

    def http(self):
        r = self.rng
        return self.name("HTTP_" + r.choice(WORDS)), {
            "runAfter": {}, "metadata": self.meta(), "type": "Http",
            "inputs": {"method": r.choice(["GET", "POST", "PATCH"]),
                       "uri": f"https://api.contoso.com/{r.choice(WORDS)}/{r.choice(WORDS)}?region={r.choice(ADJ)}",
                       "headers": {"Content-Type": "application/json", "x-correlation-id": "@{workflow()?['run']?['name']}"},
                       "body": {w: self.param_expr() if r.random() < 0.3 else sentence(r, 2, 6)
                                for w in r.sample(WORDS, r.randint(2, 5))},
                       "retryPolicy": {"type": "exponential", "count": r.randint(2, 6), "interval": "PT10S"}}}

    def connector_call(self):
        r = self.rng
        key = self.conn_key()
        api = self.conns[key]["api"]
        entity = r.choice(WORDS) + "s"
        if api == "shared_commondataserviceforapps":
            op, params = r.choice([
                ("ListRecords", {"entityName": f"syn_{entity}", "$select": ",".join(r.sample(WORDS, 4)),
                                 "$filter": f"statecode eq 0 and {r.choice(WORDS)} eq '{r.choice(ADJ)}'", "$top": r.choice([50, 100, 500])}),
                ("CreateRecord", {"entityName": f"syn_{entity}", **{f"item/syn_{w}": sentence(r, 2, 6) for w in r.sample(WORDS, 4)}}),
                ("UpdateRecord", {"entityName": f"syn_{entity}", "recordId": f"@triggerOutputs()?['body/syn_{r.choice(WORDS)}id']",
                                  **{f"item/syn_{w}": self.param_expr() for w in r.sample(WORDS, 3)}}),
            ])
        elif api == "shared_office365":
            op = "SendEmailV2"
            body = "<p>" + "</p><p>".join(paragraph(r, 1, 3) for _ in range(r.randint(2, 5))) + "</p>"
            params = {"emailMessage/To": f"{r.choice(WORDS)}@contoso.com", "emailMessage/Subject": sentence(r, 4, 9),
                      "emailMessage/Body": body, "emailMessage/Importance": r.choice(["Normal", "High"])}
        elif api == "shared_sharepointonline":
            op = r.choice(["GetItems", "PostItem", "PatchItem"])
            params = {"dataset": self.param_expr() if self.params else "https://contoso.sharepoint.com/sites/ops",
                      "table": new_guid(r), "$filter": f"Status eq '{r.choice(ADJ)}'"}
        elif api == "shared_teams":
            op = "PostMessageToConversation"
            params = {"poster": "Flow bot", "location": "Channel",
                      "body/recipient/groupId": new_guid(r), "body/recipient/channelId": f"19:{r.getrandbits(64):016x}@thread.tacv2",
                      "body/messageBody": "<p>" + paragraph(r, 1, 3) + "</p>"}
        else:
            op = "UserProfile_V2"
            params = {"id": "@triggerOutputs()?['headers']?['x-ms-user-email']", "$select": "displayName,mail,department"}
        return self.name(f"{op}_{r.choice(WORDS)}"), {
            "runAfter": {}, "metadata": self.meta(), "type": "OpenApiConnection",
            "inputs": {"host": {"connectionName": key, "operationId": op,
                                "apiId": f"/providers/Microsoft.PowerApps/apis/{api}"},
                       "parameters": params, "authentication": "@parameters('$authentication')"}}

    def child_flow(self):
        r = self.rng
        return self.name("Run_child_flow_" + r.choice(WORDS)), {
            "runAfter": {}, "metadata": self.meta(), "type": "Workflow",
            "inputs": {"host": {"workflowReferenceName": r.choice(self.earlier)},
                       "body": {f"text_{i}": self.param_expr() for i in range(r.randint(1, 3))}}}

    def secret_lookup(self):
        key = self.conn_key("shared_commondataserviceforapps")
        return self.name("Get_secret_" + self.secret["schema"].split("_", 1)[1]), {
            "runAfter": {}, "metadata": self.meta(), "type": "OpenApiConnection",
            "inputs": {"host": {"connectionName": key, "operationId": "PerformUnboundAction",
                                "apiId": "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps"},
                       "parameters": {"actionName": "RetrieveEnvironmentVariableSecretValue",
                                      "item/EnvironmentVariableName": self.secret["schema"]},
                       "authentication": "@parameters('$authentication')"},
            "runtimeConfiguration": {"secureData": {"properties": ["outputs"]}}}

    def leaf(self):
        r = self.rng
        choices = [self.compose, self.init_var, self.set_var, self.connector_call, self.connector_call,
                   self.connector_call, self.parse_json, self.http]
        if self.earlier and r.random() < 0.01:
            return self.child_flow()
        return r.choice(choices)()

    # containers -------------------------------------------------------------------------
    def sequence(self, n, depth):
        acts, prev = {}, None
        for _ in range(n):
            name, a = self.action(depth)
            a["runAfter"] = {prev: ["Succeeded"]} if prev else {}
            acts[name] = a
            prev = name
        return acts

    def action(self, depth):
        r = self.rng
        if depth >= 3 or r.random() < 0.6:
            return self.leaf()
        kind = r.choice(["Scope", "If", "Foreach", "Switch"])
        base = {"Scope": "Scope_", "If": "Condition_", "Foreach": "Apply_to_each_", "Switch": "Switch_"}[kind]
        name = self.name(base + r.choice(WORDS))
        if kind == "Scope":
            return name, {"actions": self.sequence(r.randint(2, 5), depth + 1), "runAfter": {},
                          "metadata": self.meta(), "type": "Scope"}
        if kind == "If":
            return name, {"actions": self.sequence(r.randint(1, 4), depth + 1), "runAfter": {},
                          "else": {"actions": self.sequence(r.randint(0, 3), depth + 1)},
                          "expression": {"and": [{"equals": [f"@{self.param_expr()[1:]}", r.choice(ADJ)]},
                                                 {"greater": [f"@length(body('{r.choice(WORDS)}')?['value'])", r.randint(0, 9)]}]},
                          "metadata": self.meta(), "type": "If"}
        if kind == "Foreach":
            return name, {"foreach": f"@outputs('{r.choice(WORDS)}')?['body/value']",
                          "actions": self.sequence(r.randint(1, 4), depth + 1), "runAfter": {},
                          "metadata": self.meta(), "type": "Foreach",
                          "runtimeConfiguration": {"concurrency": {"repetitions": r.choice([1, 5, 20, 50])}}}
        cases = {}
        for i, w in enumerate(r.sample(ADJ, r.randint(2, 4))):
            cases[f"Case_{i + 1}"] = {"case": w, "actions": self.sequence(r.randint(1, 3), depth + 1)}
        return name, {"runAfter": {}, "cases": cases, "default": {"actions": self.sequence(r.randint(0, 2), depth + 1)},
                      "expression": self.param_expr(), "metadata": self.meta(), "type": "Switch"}

    def trigger(self):
        r = self.rng
        kind = r.random()
        dv = self.conn_key("shared_commondataserviceforapps")
        if dv and kind < 0.4:
            return {"When_a_row_is_added,_modified_or_deleted": {
                "metadata": self.meta(), "type": "OpenApiConnectionWebhook",
                "inputs": {"host": {"connectionName": dv, "operationId": "SubscribeWebhookTrigger",
                                    "apiId": "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps"},
                           "parameters": {"subscriptionRequest/message": r.choice([1, 3, 4]),
                                          "subscriptionRequest/entityname": f"syn_{r.choice(WORDS)}",
                                          "subscriptionRequest/scope": 4,
                                          "subscriptionRequest/filteringattributes": ",".join(f"syn_{w}" for w in r.sample(WORDS, 2))},
                           "authentication": "@parameters('$authentication')"}}}
        if kind < 0.7:
            return {"Recurrence": {"recurrence": {"frequency": r.choice(["Minute", "Hour", "Day", "Week"]),
                                                  "interval": r.choice([1, 2, 6, 12, 15, 24]),
                                                  "timeZone": r.choice(ZONES),
                                                  "startTime": f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:00:00Z"},
                                   "metadata": self.meta(), "type": "Recurrence"}}
        props = {f"text_{i}": {"title": r.choice(WORDS), "type": "string", "x-ms-dynamically-added": True,
                               "description": sentence(r, 3, 6), "x-ms-content-hint": "TEXT"} for i in range(r.randint(1, 4))}
        return {"manual": {"metadata": self.meta(), "type": "Request", "kind": "Button",
                           "inputs": {"schema": {"type": "object", "properties": props, "required": sorted(props)}}}}

    def build(self, target_bytes, max_bytes):
        r = self.rng
        params = {"$connections": {"defaultValue": {}, "type": "Object"},
                  "$authentication": {"defaultValue": {}, "type": "SecureObject"}}
        for pname, ev in sorted(self.params.items()):
            ptype = {100000000: "String", 100000001: "Int", 100000002: "Bool", 100000003: "Object",
                     100000004: "String"}[ev["type"]]
            default = {"String": "", "Int": 0, "Bool": False, "Object": {}}[ptype]
            params[pname] = {"defaultValue": default, "type": ptype, "metadata": {"schemaName": ev["schema"]}}
        conn_refs = {key: {"runtimeSource": "embedded",
                           "connection": {"connectionReferenceLogicalName": ref["logical"]},
                           "api": {"name": ref["api"]}} for key, ref in self.conns.items()}
        actions = {}
        doc = {"properties": {"connectionReferences": conn_refs,
                              "definition": {"$schema": LOGIC_SCHEMA, "contentVersion": "1.0.0.0",
                                             "parameters": params, "triggers": self.trigger(),
                                             "actions": actions, "outputs": {}},
                              "templateName": ""},
               "schemaVersion": "1.0.0.0"}
        size = len(json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8"))
        prev = None
        if self.secret and self.conn_key("shared_commondataserviceforapps"):
            name, a = self.secret_lookup()
            actions[name] = a
            prev = name
        # each top-level action sits 6 spaces deep; count those indents into the estimate.
        # An action that would overshoot the target by more than 8 KB (or the 2%-margined
        # maximum) is redrawn, so the files stay close to their target size.
        limit = min(int(max_bytes * 0.98), target_bytes + 8192)
        while size < target_bytes:
            for attempt in range(4):
                name, a = self.action(0) if attempt < 3 else self.compose()
                a["runAfter"] = {prev: ["Succeeded"]} if prev else {}
                text = json.dumps({name: a}, indent=2, ensure_ascii=False)
                grow = len(text.encode("utf-8")) + 6 * text.count("\n")
                if size + grow <= limit:
                    break
                self.names.discard(name)
            else:
                break  # even a small Compose would overshoot: stop here
            size += grow
            actions[name] = a
            prev = name
        return json.dumps(doc, indent=2, ensure_ascii=False)


def flow_display_name(rng, i):
    r = rng.random()
    dept, verb = rng.choice(DEPTS), rng.choice(VERBS)
    obj = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
    if r < 0.15:
        return f"[Child] {dept} | {verb} {obj}"
    if r < 0.25:  # long names exercise the 50-character truncation of file names
        return f"{dept} | {verb} {obj} and {rng.choice(ADJ)} {rng.choice(WORDS)} records for {rng.choice(NAMES)} (v{rng.randint(2, 4)})"
    if r < 0.3:
        return f"{dept} – {verb} {obj} für {rng.choice(NAMES)}"
    return f"{dept} | {verb} {obj}"


# --------------------------------------------------------------------------------------------
# opaque parts

def part_bytes(rng, size):
    dictionary = [rng.randbytes(32) for _ in range(48)]
    blocks = []
    for _ in range((size + 31) // 32):
        blocks.append(rng.randbytes(32) if rng.random() < 0.35 else rng.choice(dictionary))
    return b"".join(blocks)[:size]


def part_name(rng, args, i):
    stem = f"{args.prefix}_{rng.choice(WORDS)}{rng.choice(WORDS).capitalize()}{i:04d}"
    kind = i % 4
    if kind == 0:
        return stem + uuid.UUID(int=rng.getrandbits(128), version=4).hex.upper()  # extension-less
    return stem + [".png", ".js", ".bin", ".png"][kind]


# --------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--flows", type=int, default=50)
    ap.add_argument("--envvars", type=int, default=10)
    ap.add_argument("--parts", type=int, default=5)
    ap.add_argument("--connrefs", type=int, default=5, help="connection references (default: 5)")
    ap.add_argument("--credentials", type=int, default=0, help="credentials (default: 0)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--unique-name", default="SyntheticSolution")
    ap.add_argument("--prefix", default="syn", help="publisher customization prefix (default: syn)")
    ap.add_argument("--flow-kb", type=int, nargs=2, default=[10, 200], metavar=("MIN", "MAX"),
                    help="flow JSON size range in KB (default: 10 200)")
    ap.add_argument("--part-kb", type=int, nargs=2, default=[50, 500], metavar=("MIN", "MAX"),
                    help="opaque part size range in KB (default: 50 500)")
    ap.add_argument("--force", action="store_true",
                    help="replace the component folders of an earlier run in OUT_DIR")
    args = ap.parse_args(argv)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", args.unique_name):
        ap.error("--unique-name must be letters, digits and _")
    if not re.fullmatch(r"[a-z][a-z0-9]{1,7}", args.prefix):
        ap.error("--prefix must be 2-8 lower-case letters/digits")
    if min(args.flows, args.envvars, args.parts, args.credentials) < 0 or args.connrefs < 1:
        ap.error("counts must be >= 0")

    out = args.out_dir
    if os.path.isdir(out) and os.listdir(out):
        if not args.force:
            ap.error(f"{out} is not empty (use --force to overwrite an earlier run)")
        for sub in ["Other", "Workflows", "environmentvariabledefinitions", "WebResources", "credentials"]:
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)

    connrefs = make_connrefs(args)
    envvars = make_envvars(args)
    credentials = make_credentials(args, envvars)
    total = 0

    def put(rel, text=None, data=None, bom=False):
        nonlocal total
        path = os.path.join(out, *rel.split("/"))
        if data is None:
            data = ((BOM if bom else "") + text).encode("utf-8")
        write_bytes(path, data)
        total += len(data)

    for ev in envvars:
        base = f"environmentvariabledefinitions/{ev['schema']}/"
        put(base + "environmentvariabledefinition.xml", envvar_definition_xml(ev))
        if ev["has_value"]:
            put(base + "environmentvariablevalues.json", envvar_values_json(ev))

    flow_ids = []
    lo, hi = args.flow_kb
    for i in range(args.flows):
        rng = random.Random(f"{args.seed}/flow/{i}")
        wid = new_guid(rng)
        display = flow_display_name(rng, i)
        fname = flow_file_name(display, wid)
        target = rng.randint(lo * 1024, hi * 1024)
        body = FlowBuilder(rng, connrefs, envvars, flow_ids[-50:]).build(target, hi * 1024)
        put("Workflows/" + fname, body)
        put("Workflows/" + fname + ".data.xml", workflow_data_xml(wid, display, fname, rng.random() < 0.8), bom=True)
        flow_ids.append(wid)

    for credential in credentials:
        put(f"credentials/{credential['folder']}/credential.xml", credential_xml(credential))

    lo, hi = args.part_kb
    for i in range(args.parts):
        rng = random.Random(f"{args.seed}/part/{i}")
        put("WebResources/" + part_name(rng, args, i), data=part_bytes(rng, rng.randint(lo * 1024, hi * 1024)))

    put("Other/Solution.xml", solution_xml(args, flow_ids), bom=True)
    put("Other/Customizations.xml", customizations_xml(connrefs), bom=True)
    print(f"{out}: {args.flows} flows, {len(envvars)} env vars, {len(connrefs)} connection references, "
          f"{len(credentials)} credentials, {args.parts} parts, {total / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
