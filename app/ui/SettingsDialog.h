#pragma once
/// @file
/// @brief Settings: the user-facing policy keys grouped on pages (a locked one is disabled,
/// with a lock icon and "Set by your organization"), and a "Managed settings" page listing
/// every effective value and its source. Changes go to the core, which decides.

#include <QDialog>
#include <QHash>

class QTabWidget;

namespace palisade::app {

class Backend;
class SettingsModel;
struct PolicyEntry;

/// GUI thread.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(Backend& backend, QWidget* parent = nullptr);

    /// The control editing @p key (nullptr when the key is not on a page).
    [[nodiscard]] QWidget* editorFor(const QString& key) const { return m_editors.value(key); }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] SettingsModel* model() const { return m_model; }

private:
    void rebuild();
    QWidget* makeEditor(const PolicyEntry& entry, QWidget* parent);
    void apply();

    Backend& m_backend;
    QTabWidget* m_tabs;
    SettingsModel* m_model;
    QHash<QString, QWidget*> m_editors;
    QHash<QString, QVariant> m_changes;
};

} // namespace palisade::app
