using Circulation.ExchangeEmulator;

// The Exchange Online / Microsoft Graph emulator: see EmulatorApp and the README section "The Exchange emulator".
var app = EmulatorApp.Build(args);
await app.RunAsync();
