; A stand-in for a running ERMS Desktop, for the installer tests under Wine: it creates the app's
; "running" mutex (MUTEX, defined by the test from packaging/bundle_layout.py), writes the file
; "held" beside itself, and keeps the mutex until a file "release" appears there.

Target amd64-unicode
SilentInstall silent
RequestExecutionLevel user
Name "ERMS Desktop mutex holder"
OutFile "${OUTFILE}"

!include LogicLib.nsh

Section
  System::Call 'kernel32::CreateMutexW(p 0, i 0, w "${MUTEX}") p .r0'
  ${If} $0 P= 0
    SetErrorLevel 1
    Quit
  ${EndIf}
  FileOpen $1 "$EXEDIR\held" w
  FileClose $1
  ${DoUntil} ${FileExists} "$EXEDIR\release"
    Sleep 50
  ${Loop}
  System::Call 'kernel32::CloseHandle(p r0)'
SectionEnd
