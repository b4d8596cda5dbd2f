# Checklist: the partner maps the accounts (the page's tip: to PSA companies seen on the Billing page).
@{
    Name     = 'Map the accounts created'
    Requires = 'ConfirmAccounts'
    Action   = {
        param($Qa)
        & $Qa.Partner.MapAccounts $Qa
    }
}
