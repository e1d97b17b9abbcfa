; Inno Setup script: installs the frozen folder that packaging/annotator.spec builds on
; Windows (build\dist\annotator), with a Start menu entry and the .annotator file type.
; Build (docs/packaging.md): iscc /DVersion=0.1.0 packaging\windows\annotator.iss

#ifndef Version
  #define Version "0.0.0"
#endif

[Setup]
AppId={{6C1F0B7E-3D52-4E0A-9B8E-5A2F1D7C4E90}
AppName=Annotator
AppVersion={#Version}
AppPublisher=The Annotator developers
DefaultDirName={autopf}\Annotator
DefaultGroupName=Annotator
OutputDir=..\..\build
OutputBaseFilename=annotator-{#Version}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; per-user install without administrator rights when the user chooses it
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
UninstallDisplayIcon={app}\annotator.exe
SetupIconFile=annotator.ico

[Files]
Source: "..\..\build\dist\annotator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Annotator"; Filename: "{app}\annotator.exe"
Name: "{group}\Uninstall Annotator"; Filename: "{uninstallexe}"

[Registry]
; a double-click on a project file opens it: annotator.exe "PATH" is `annotator PATH`
Root: HKA; Subkey: "Software\Classes\.annotator"; ValueType: string; ValueName: ""; ValueData: "Annotator.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Annotator.Project"; ValueType: string; ValueName: ""; ValueData: "Annotator project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Annotator.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\annotator.exe,0"
Root: HKA; Subkey: "Software\Classes\Annotator.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\annotator.exe"" ""%1"""
