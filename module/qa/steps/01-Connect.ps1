# Checklist, with the page's preamble: disconnect first if connected, then Connect. The partner key
# this yields (if the partner side can see one) is pending until Generate API Token.
@{
    Name   = 'Click Connect on the Integration'
    Action = {
        param($Qa)
        & $Qa.Partner.Connect $Qa
    }
}
