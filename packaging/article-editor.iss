; Inno Setup script: a per-user installer for the Windows build in dist\article-editor.
; Build on Windows after the PyInstaller step:
;   iscc /DAppVersion=0.1.0 packaging\article-editor.iss
; Output: dist\article-editor-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1B7E2A-3C44-4A5E-9F0B-2D7C1A5E8B31}
AppName=Article Editor
AppVersion={#AppVersion}
AppPublisher=Article Editor
DefaultDirName={autopf}\Article Editor
DefaultGroupName=Article Editor
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=article-editor-{#AppVersion}-windows-x64-setup
SetupIconFile=..\build\icons\article-editor.ico
UninstallDisplayIcon={app}\article-editor.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\article-editor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Article Editor"; Filename: "{app}\article-editor.exe"
Name: "{autodesktop}\Article Editor"; Filename: "{app}\article-editor.exe"; Tasks: desktopicon

[Registry]
; "Open with Article Editor" for Markdown files, without taking over the default program.
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "ArticleEditor.md"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\ArticleEditor.md"; ValueType: string; ValueName: ""; ValueData: "Markdown article"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ArticleEditor.md\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\article-editor.exe,0"
Root: HKA; Subkey: "Software\Classes\ArticleEditor.md\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\article-editor.exe"" ""%1"""

[Run]
Filename: "{app}\article-editor.exe"; Description: "{cm:LaunchProgram,Article Editor}"; Flags: nowait postinstall skipifsilent
