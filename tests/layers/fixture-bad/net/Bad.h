// Fixture for the layering check's own test: net/ must not include Qt. Never compiled.
#pragma once
#include <QObject>
