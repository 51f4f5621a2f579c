<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>palisade::app::AddContactDialog</name>
    <message>
        <source>Add contact</source>
        <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: who you are and why you are asking (max. %1 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask a colleague to become a contact. They see your username and note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send request</source>
        <translation>Anfrage senden</translation>
    </message>
</context>
<context>
    <name>palisade::app::Composer</name>
    <message>
        <source>Write a message — Enter sends, Shift+Enter for a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>palisade::app::ContactDetailsDialog</name>
    <message>
        <source>%1 — details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available yet — exchange a message first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation>Sicherheitsnummer</translation>
    </message>
    <message>
        <source>Compare this number with %1 in person or on a call you trust. If it matches, nobody is reading along.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s security key changed. Compare the new safety number before you accept it; until then, sending is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I compared it — accept the new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation>Als verifiziert markieren</translation>
    </message>
    <message>
        <source>Remove contact</source>
        <translation>Kontakt entfernen</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blockieren</translation>
    </message>
    <message>
        <source>Remove %1 from your contacts?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1? They will not be able to reach you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::ContactListModel</name>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks to be your contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, request sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>palisade::app::ContactsPanel</name>
    <message>
        <source>Contact requests</source>
        <translation>Kontaktanfragen</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation>&amp;Blockieren</translation>
    </message>
    <message>
        <source>Filter contacts</source>
        <translation>Kontakte filtern</translation>
    </message>
    <message>
        <source>Note from the requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <translation>Kontakt hinzufügen…</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blockieren</translation>
    </message>
    <message>
        <source>Block %1? They will not be able to send you requests or messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent no note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wrote: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::ConversationModel</name>
    <message>
        <source>You, %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::ConversationPane</name>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>You verified this contact&apos;s safety number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details and safety number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search this conversation</source>
        <translation>In dieser Unterhaltung suchen</translation>
    </message>
    <message>
        <source>Review safety number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a contact</source>
        <translation>Wählen Sie einen Kontakt</translation>
    </message>
    <message>
        <source>%1&apos;s security key has changed. This can mean a new device — or someone impersonating them. Sending is paused until you compare the safety number and accept the new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::ConversationView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
</context>
<context>
    <name>palisade::app::FirstRunDialog</name>
    <message>
        <source>It matches what my IT department published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Welcome to Palisade</source>
        <translation>Willkommen bei Palisade</translation>
    </message>
    <message>
        <source>Sign in once with the account your IT department gave you. Your messages and keys stay encrypted on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat.example.com:7443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server&apos;s key fingerprint — compare it before you continue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organization keeps this profile&apos;s key in the system keychain; there is no passphrase to choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase that protects Palisade on this computer. You type it to unlock; it never leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::LockScreen</name>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Palisade is locked</source>
        <translation>Palisade ist gesperrt</translation>
    </message>
    <message>
        <source>Enter your passphrase to unlock.</source>
        <translation>Geben Sie Ihre Passphrase ein, um zu entsperren.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
</context>
<context>
    <name>palisade::app::MainWindow</name>
    <message>
        <source>Palisade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Palisade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add contact…</source>
        <translation>Kontakt &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>palisade::app::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Every setting in effect and where it comes from. Settings your organization locked cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed settings</source>
        <translation>Verwaltete Einstellungen</translation>
    </message>
</context>
<context>
    <name>palisade::app::SettingsModel</name>
    <message>
        <source>Set by your organization</source>
        <translation>Von Ihrer Organisation festgelegt</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organization (locked)</source>
        <translation>Ihre Organisation (gesperrt)</translation>
    </message>
    <message>
        <source>Your organization (recommended)</source>
        <translation>Ihre Organisation (empfohlen)</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
</context>
<context>
    <name>palisade::app::Tray</name>
    <message numerus="yes">
        <source>Palisade — %n unread message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Palisade</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app</name>
    <message>
        <source>Open this address in your web browser?

%1

Only open addresses you trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Palisade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to your organization&apos;s Palisade server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to your organization&apos;s Palisade server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server unreachable — retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Palisade server cannot be reached. Check your network connection; Palisade keeps trying and sends queued messages once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device is not registered yet. Sign in with your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organization requires a newer version of Palisade. Install the update your IT department provides, then start Palisade again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server identity does NOT match — not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server presented a security key that your organization did not configure. Someone may be intercepting the connection, or the server was replaced. Palisade refused to connect and sent nothing.

Do not try to work around this. Tell your IT department: &quot;Palisade reports a server key mismatch&quot;, with the time it happened and the network you are on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account temporarily locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong username or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The username or password is not right. Check both and try again; after several failed attempts the account is locked for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account was disabled by your organization. Contact your IT department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed sign-in attempts. Try again in %n minutes, or ask your IT department to unlock the account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::Passphrase</name>
    <message numerus="yes">
        <source>Your organization requires at least %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess; add a few more words.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>palisade::app::SettingsModel</name>
    <message>
        <source>Message preview in notifications</source>
        <translation>Nachrichtenvorschau in Benachrichtigungen</translation>
    </message>
    <message>
        <source>Lock after idle (minutes, 0 = never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect the profile with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum passphrase length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy (none, system, socks5://…, http://…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others can find me by username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept contact requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save received files in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep history (days, 0 = forever)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link previews</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
