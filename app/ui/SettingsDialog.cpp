#include "app/ui/SettingsDialog.h"

#include "app/ui/Backend.h"
#include "app/ui/Icons.h"
#include "app/ui/SettingsModel.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

namespace palisade::app {

SettingsDialog::SettingsDialog(Backend& backend, QWidget* parent)
    : QDialog(parent)
    , m_backend(backend)
    , m_tabs(new QTabWidget(this))
    , m_model(new SettingsModel(this))
{
    setWindowTitle(tr("Settings"));
    resize(620, 440);
    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(&backend, &Backend::policyChanged, this, &SettingsDialog::rebuild);
    rebuild();
}

void SettingsDialog::rebuild()
{
    const int current = m_tabs->currentIndex();
    while (m_tabs->count() > 0) {
        QWidget* page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
    m_editors.clear();
    m_changes.clear();
    m_model->setEntries(m_backend.policy());

    QMap<QString, QFormLayout*> pages;
    for (const PolicyEntry& entry : m_model->entries()) {
        if (!entry.userFacing)
            continue;
        QFormLayout*& form = pages[entry.group];
        if (!form) {
            auto* page = new QWidget;
            form = new QFormLayout(page);
            m_tabs->addTab(page, settingGroupLabel(entry.group));
        }
        QWidget* page = form->parentWidget();
        QWidget* editor = makeEditor(entry, page);
        editor->setAccessibleName(settingLabel(entry.key));
        m_editors.insert(entry.key, editor);
        auto* row = new QHBoxLayout;
        row->addWidget(editor, 1);
        if (entry.locked) {
            editor->setEnabled(false);
            editor->setToolTip(lockedByOrganizationText());
            auto* lock = new QLabel(page);
            lock->setPixmap(icon(IconName::Lock).pixmap(16, 16));
            lock->setToolTip(lockedByOrganizationText());
            lock->setAccessibleName(lockedByOrganizationText());
            row->addWidget(lock);
        }
        auto* label = new QLabel(settingLabel(entry.key), page);
        label->setBuddy(editor);
        if (entry.locked)
            label->setToolTip(lockedByOrganizationText());
        form->addRow(label, row);
    }

    auto* managed = new QWidget;
    auto* managedLayout = new QVBoxLayout(managed);
    auto* intro = new QLabel(tr("Every setting in effect and where it comes from. Settings your organization "
                                "locked cannot be changed here."),
        managed);
    intro->setWordWrap(true);
    auto* table = new QTableView(managed);
    table->setObjectName(QStringLiteral("managedSettings"));
    table->setModel(m_model);
    table->setAccessibleName(tr("Managed settings"));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(SettingsModel::KeyColumn, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(SettingsModel::ValueColumn, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(
        SettingsModel::SourceColumn, QHeaderView::ResizeToContents);
    managedLayout->addWidget(intro);
    managedLayout->addWidget(table);
    m_tabs->addTab(managed, tr("Managed settings"));
    if (current >= 0 && current < m_tabs->count())
        m_tabs->setCurrentIndex(current);
}

QWidget* SettingsDialog::makeEditor(const PolicyEntry& entry, QWidget* parent)
{
    const QString key = entry.key;
    switch (entry.type) {
    case PolicyEntry::Type::Bool: {
        auto* box = new QCheckBox(parent);
        box->setChecked(entry.value.toBool());
        connect(box, &QCheckBox::toggled, this, [this, key](bool on) { m_changes.insert(key, on); });
        return box;
    }
    case PolicyEntry::Type::Int: {
        auto* spin = new QSpinBox(parent);
        spin->setRange(0, 1'000'000);
        spin->setValue(static_cast<int>(entry.value.toLongLong()));
        connect(
            spin, &QSpinBox::valueChanged, this, [this, key](int v) { m_changes.insert(key, qlonglong(v)); });
        return spin;
    }
    case PolicyEntry::Type::Choice: {
        auto* combo = new QComboBox(parent);
        combo->addItems(entry.choices);
        combo->setCurrentText(entry.value.toString());
        connect(combo, &QComboBox::currentTextChanged, this,
            [this, key](const QString& v) { m_changes.insert(key, v); });
        return combo;
    }
    case PolicyEntry::Type::List: {
        auto* edit = new QLineEdit(entry.value.toStringList().join(QStringLiteral(", ")), parent);
        connect(edit, &QLineEdit::textEdited, this, [this, key](const QString& v) {
            QStringList items;
            for (const QString& item : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                items << item.trimmed();
            m_changes.insert(key, items);
        });
        return edit;
    }
    case PolicyEntry::Type::Text:
        break;
    }
    auto* edit = new QLineEdit(entry.value.toString(), parent);
    connect(edit, &QLineEdit::textEdited, this, [this, key](const QString& v) { m_changes.insert(key, v); });
    return edit;
}

void SettingsDialog::apply()
{
    const auto changes = m_changes;
    m_changes.clear();
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        m_backend.setUserChoice(it.key(), it.value());
}

} // namespace palisade::app
