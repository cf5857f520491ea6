/// The deployment settings template `create-settings` writes for samples/CredentialsCore
/// and samples/InvoiceFlows; both the engine's and the command's tests expect it.
public enum SampleSettings {
  public static let expected = """
    {
      "EnvironmentVariables": [
        {
          "SchemaName": "contoso_InvoicePortalPassword",
          "Value": ""
        },
        {
          "SchemaName": "contoso_InvoicePortalUsername",
          "Value": ""
        }
      ],
      "ConnectionReferences": [
        {
          "LogicalName": "contoso_DesktopFlowsConnection",
          "ConnectionId": "",
          "ConnectorId": "/providers/Microsoft.PowerApps/apis/shared_uiflow"
        }
      ]
    }

    """
}
