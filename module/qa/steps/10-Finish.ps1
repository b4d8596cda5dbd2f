# Checklist: Finish is allowed only while the status is pending (or active).
@{
    Name     = 'Finish the integration setup'
    Requires = 'ConfirmNext'
    Action   = {
        param($Qa)
        & $Qa.Partner.Finish $Qa
    }
}
