# Checklist: the partner maps the services.
@{
    Name     = 'Map the services created'
    Requires = 'ConfirmServices'
    Action   = {
        param($Qa)
        & $Qa.Partner.MapServices $Qa
    }
}
