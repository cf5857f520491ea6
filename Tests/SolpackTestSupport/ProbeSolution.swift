import Foundation
import SolpackArchive

/// A small, valid solution built in memory — one cloud flow, one environment variable —
/// that hostile-input tests take apart: replace a file, add one, or zip it with lies.
/// Every command accepts it as it is, so a refusal is the hostile change's doing.
public struct ProbeSolution: Sendable {
  public static let uniqueName = "HostileProbe"
  public static let flowID = "5f2c7a10-1b2c-4d3e-8f90-a1b2c3d4e5f6"
  public static let flowPath = "Workflows/ProbeFlow-5F2C7A10-1B2C-4D3E-8F90-A1B2C3D4E5F6.json"
  public static let variable = "probe_Setting"
  public static let variablePath =
    "environmentvariabledefinitions/probe_Setting/environmentvariabledefinition.xml"

  /// Archive path → bytes, in archive order; [Content_Types].xml is made by `entries`.
  public private(set) var files: [(path: String, data: Data)]

  public init() {
    files = [
      ("solution.xml", Data(Self.manifest.utf8)),
      ("customizations.xml", Data(Self.customizations().utf8)),
      (Self.flowPath, Data(Self.flow.utf8)),
      (Self.variablePath, Data(Self.variableDefinition().utf8)),
    ]
  }

  /// Replaces the file at `path`, or adds it at the end.
  public func with(_ path: String, _ data: Data) -> ProbeSolution {
    var copy = self
    if let index = copy.files.firstIndex(where: { $0.path == path }) {
      copy.files[index].data = data
    } else {
      copy.files.append((path, data))
    }
    return copy
  }

  public func with(_ path: String, _ text: String) -> ProbeSolution { with(path, Data(text.utf8)) }

  public func without(_ path: String) -> ProbeSolution {
    var copy = self
    copy.files.removeAll { $0.path == path }
    return copy
  }

  /// The text of `path` with `old` replaced by `new` (which must be there).
  public func editing(_ path: String, replacing old: String, with new: String) -> ProbeSolution {
    let text = String(decoding: files.first { $0.path == path }?.data ?? Data(), as: UTF8.self)
    precondition(text.contains(old), "\(path) has no \(old)")
    return with(path, text.replacingOccurrences(of: old, with: new))
  }

  /// Deflated entries with correct headers, [Content_Types].xml first as Dataverse writes it.
  public func entries() throws -> [ZipRawEntry] {
    let types = ContentTypes.generate(paths: files.map(\.path))
    return try [ZipRawEntry.deflated(ContentTypes.path, types)]
      + files.map { try ZipRawEntry.deflated($0.path, $0.data) }
  }

  public func archive() throws -> Data { ZipRawArchive.build(try entries()) }

  // MARK: The files

  public static let manifest = """
    <?xml version="1.0" encoding="utf-8"?>
    <ImportExportXml version="9.2.24101.200" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <SolutionManifest>
        <UniqueName>\(uniqueName)</UniqueName>
        <LocalizedNames>
          <LocalizedName description="Hostile Probe" languagecode="1033" />
        </LocalizedNames>
        <Descriptions />
        <Version>1.0.0.0</Version>
        <Managed>0</Managed>
        <Publisher>
          <UniqueName>ProbePublisher</UniqueName>
          <LocalizedNames>
            <LocalizedName description="Probe Publisher" languagecode="1033" />
          </LocalizedNames>
          <Descriptions />
          <CustomizationPrefix>probe</CustomizationPrefix>
          <CustomizationOptionValuePrefix>10000</CustomizationOptionValuePrefix>
        </Publisher>
        <RootComponents>
          <RootComponent type="29" id="{\(flowID)}" behavior="0" />
          <RootComponent type="380" schemaName="\(variable)" behavior="0" />
        </RootComponents>
        <MissingDependencies />
      </SolutionManifest>
    </ImportExportXml>
    """

  /// customizations.xml with the probe flow's <Workflow>, plus `extraWorkflows`.
  public static func customizations(extraWorkflows: String = "") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <Entities />
      <Roles />
      <Workflows>
        \(workflow(id: flowID, name: "Probe Flow", path: flowPath))\(extraWorkflows)
      </Workflows>
      <Languages>
        <Language>1033</Language>
      </Languages>
    </ImportExportXml>
    """
  }

  /// A cloud flow's <Workflow> element.
  public static func workflow(id: String, name: String, path: String) -> String {
    """
    <Workflow WorkflowId="{\(id)}" Name="\(name)">
          <JsonFileName>/\(path)</JsonFileName>
          <Type>1</Type>
          <Category>5</Category>
          <StateCode>1</StateCode>
          <StatusCode>2</StatusCode>
          <IntroducedVersion>1.0.0.0</IntroducedVersion>
          <LocalizedNames>
            <LocalizedName languagecode="1033" description="\(name)" />
          </LocalizedNames>
        </Workflow>
    """
  }

  public static let flow = """
    {
      "properties": {
        "connectionReferences": {},
        "definition": {
          "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {},
          "triggers": { "manual": { "type": "Request", "kind": "Button", "inputs": {} } },
          "actions": {}
        }
      },
      "schemaVersion": "1.0.0.0"
    }
    """

  public static func variableDefinition(schemaName: String = variable) -> String {
    """
    <environmentvariabledefinition schemaname="\(schemaName)">
      <displayname default="Probe setting">
        <label description="Probe setting" languagecode="1033" />
      </displayname>
      <defaultvalue>probe</defaultvalue>
      <introducedversion>1.0.0.0</introducedversion>
      <iscustomizable>1</iscustomizable>
      <isrequired>0</isrequired>
      <type>100000000</type>
    </environmentvariabledefinition>
    """
  }
}
