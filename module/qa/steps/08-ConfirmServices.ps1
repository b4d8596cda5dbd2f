# Checklist: the vendor's services reach the service-mapping screen.
@{
    Name     = 'Confirm Services have synced in for mapping'
    Requires = 'ConfirmNext'
    Action   = {
        param($Qa)
        $arrived = & $Qa.Partner.ServicesArrived $Qa
        if ($arrived.Count -lt 1) {
            Stop-QaStep -Expected 'the vendor''s services on the service-mapping screen' -Seen $arrived.Seen -Evidence $arrived.Evidence `
                -Fix 'the integration must create its services (POST /vendor-api/service with name, description, category, subcategory; or POST /organization/services) so that they appear for mapping'
        }
        Write-QaNote $Qa "$($arrived.Count) service(s) arrived"
    }
}
