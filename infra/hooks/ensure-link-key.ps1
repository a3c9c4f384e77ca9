# Generates the first link-signing key (32 random bytes, base64) into the azd environment when it has none.
$existing = azd env get-value LINK_SIGNING_KEY 2>$null
if ($LASTEXITCODE -ne 0 -or [string]::IsNullOrWhiteSpace($existing)) {
    $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32)
    azd env set LINK_SIGNING_KEY ([Convert]::ToBase64String($bytes))
    Write-Host "Generated a link-signing key into the azd environment (LINK_SIGNING_KEY)."
}
