#include "newmodeldialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace slim::app {

namespace {
struct Preset {
    const char* name;  // translated in retranslate()
    int channels, height, width, classes;
};
// Data sets our users train on; "Custom" is the last entry, chosen when the fields differ.
constexpr Preset kPresets[] = {
    {QT_TRANSLATE_NOOP("slim::app::NewModelDialog", "Fashion-MNIST / MNIST (1×28×28, 10 classes)"), 1, 28, 28, 10},
    {QT_TRANSLATE_NOOP("slim::app::NewModelDialog", "CIFAR-10 (3×32×32, 10 classes)"), 3, 32, 32, 10},
    {QT_TRANSLATE_NOOP("slim::app::NewModelDialog", "CIFAR-100 (3×32×32, 100 classes)"), 3, 32, 32, 100},
    {QT_TRANSLATE_NOOP("slim::app::NewModelDialog", "ImageNet (3×224×224, 1000 classes)"), 3, 224, 224, 1000},
};
constexpr int kPresetCount = static_cast<int>(std::size(kPresets));
} // namespace

QString zooDisplayName(const QString& model)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("lenet5"), QStringLiteral("LeNet-5")},
        {QStringLiteral("vgg11"), QStringLiteral("VGG-11-BN (CIFAR)")},
        {QStringLiteral("vgg16"), QStringLiteral("VGG-16-BN (CIFAR)")},
        {QStringLiteral("vgg19"), QStringLiteral("VGG-19-BN (CIFAR)")},
        {QStringLiteral("resnet20"), QStringLiteral("ResNet-20 (CIFAR)")},
        {QStringLiteral("resnet32"), QStringLiteral("ResNet-32 (CIFAR)")},
        {QStringLiteral("resnet56"), QStringLiteral("ResNet-56 (CIFAR)")},
        {QStringLiteral("resnet110"), QStringLiteral("ResNet-110 (CIFAR)")},
        {QStringLiteral("resnet18"), QStringLiteral("ResNet-18 (ImageNet)")},
        {QStringLiteral("mobilenetv2"), QStringLiteral("MobileNetV2 (ImageNet)")},
    };
    return names.value(model, model);
}

NewModelDialog::NewModelDialog(QWidget* parent)
    : QDialog(parent)
    , m_model(new QComboBox(this))
    , m_preset(new QComboBox(this))
    , m_channels(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_width(new QSpinBox(this))
    , m_classes(new QSpinBox(this))
    , m_modelLabel(new QLabel(this))
    , m_presetLabel(new QLabel(this))
    , m_inputLabel(new QLabel(this))
    , m_classesLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newModelDialog"));
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_channels->setObjectName(QStringLiteral("channelsSpin"));
    m_height->setObjectName(QStringLiteral("heightSpin"));
    m_width->setObjectName(QStringLiteral("widthSpin"));
    m_classes->setObjectName(QStringLiteral("classesSpin"));

    for (const std::string& name : engine::zooModelNames()) {
        const QString id = QString::fromStdString(name);
        m_model->addItem(zooDisplayName(id), id);
    }
    for (int i = 0; i <= kPresetCount; ++i)
        m_preset->addItem(QString());
    m_channels->setRange(1, 64);
    m_height->setRange(1, 4096);
    m_width->setRange(1, 4096);
    m_classes->setRange(1, 100000);

    auto* inputRow = new QHBoxLayout;
    for (QSpinBox* box : {m_channels, m_height, m_width}) {
        if (box != m_channels)
            inputRow->addWidget(new QLabel(QStringLiteral("×"), this));
        inputRow->addWidget(box, 1);
    }
    m_modelLabel->setBuddy(m_model);
    m_presetLabel->setBuddy(m_preset);
    m_inputLabel->setBuddy(m_channels);
    m_classesLabel->setBuddy(m_classes);
    auto* form = new QFormLayout(this);
    form->addRow(m_modelLabel, m_model);
    form->addRow(m_presetLabel, m_preset);
    form->addRow(m_inputLabel, inputRow);
    form->addRow(m_classesLabel, m_classes);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_preset, &QComboBox::activated, this, &NewModelDialog::applyPreset);
    for (QSpinBox* box : {m_channels, m_height, m_width, m_classes})
        connect(box, &QSpinBox::valueChanged, this, &NewModelDialog::syncPresetToFields);
    connect(m_model, &QComboBox::activated, this, [this] {
        engine::ZooSpec defaults = engine::zooDefaults(m_model->currentData().toString().toStdString());
        setSpec(defaults);
    });

    retranslate();
    setSpec({"resnet20", 1, 28, 28, 10, 0});
}

engine::ZooSpec NewModelDialog::spec() const
{
    engine::ZooSpec spec;
    spec.model = m_model->currentData().toString().toStdString();
    spec.channels = m_channels->value();
    spec.height = m_height->value();
    spec.width = m_width->value();
    spec.classes = m_classes->value();
    return spec;
}

void NewModelDialog::setSpec(const engine::ZooSpec& spec)
{
    const int index = m_model->findData(QString::fromStdString(spec.model));
    if (index >= 0)
        m_model->setCurrentIndex(index);
    m_channels->setValue(static_cast<int>(spec.channels));
    m_height->setValue(static_cast<int>(spec.height));
    m_width->setValue(static_cast<int>(spec.width));
    m_classes->setValue(static_cast<int>(spec.classes));
    syncPresetToFields();
}

void NewModelDialog::applyPreset(int index)
{
    if (index < 0 || index >= kPresetCount)
        return;
    const Preset& preset = kPresets[index];
    m_channels->setValue(preset.channels);
    m_height->setValue(preset.height);
    m_width->setValue(preset.width);
    m_classes->setValue(preset.classes);
}

void NewModelDialog::syncPresetToFields()
{
    int match = kPresetCount; // "Custom"
    for (int i = 0; i < kPresetCount; ++i) {
        const Preset& p = kPresets[i];
        if (p.channels == m_channels->value() && p.height == m_height->value() && p.width == m_width->value()
            && p.classes == m_classes->value()) {
            match = i;
            break;
        }
    }
    m_preset->setCurrentIndex(match);
}

void NewModelDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void NewModelDialog::retranslate()
{
    setWindowTitle(tr("New Model from Zoo"));
    m_modelLabel->setText(tr("&Model:"));
    m_presetLabel->setText(tr("&Data set:"));
    m_inputLabel->setText(tr("&Input (channels × height × width):"));
    m_classesLabel->setText(tr("&Classes:"));
    for (int i = 0; i < kPresetCount; ++i)
        m_preset->setItemText(i, tr(kPresets[i].name));
    m_preset->setItemText(kPresetCount, tr("Custom"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

} // namespace slim::app
