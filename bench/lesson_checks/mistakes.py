"""Realistic beginner answers for lessons 00-06, beyond each exercise's own ``wrong=`` list.

``MISTAKES[lesson][exercise]`` holds ``(code, words)``: code a learner plausibly writes in
place of the solution cell, and the words a *specific* message must contain (the words that
name this mistake). ``ALTERNATIVES[lesson][exercise]`` holds other right answers. They run
as the lesson's own ``Wrong`` answers do (``diveml.lessons._proof``): after every earlier
cell in solution mode and after the exercise's starter cell. ``measure.py`` prints shares.
"""

from __future__ import annotations

MISTAKES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "00": {
        "first_answer": [
            ("answer = 6 ** 7", "not six times seven"),
            ("answer = print(6 * 7)", "None"),
            ("answer = [6 * 7]", "a list"),
        ],
        "count_rows": [
            ("n_flowers = 150", "typed the number in"),
            ("n_flowers = flowers.shape", "a tuple"),
            ("n_flowers = flowers.count()", "one count per column"),
            ("n_flowers = len(flowers) - 1", "not the number of rows"),
            ("n_flowers = len", "the function `len` itself"),
        ],
        "mean_petal": [
            ("mean_petal = petal_lengths.mean", "the method `mean` itself"),
            ("mean_petal = flowers['sepal length (cm)'].mean()", "petal length"),
            ("mean_petal = petal_lengths.max()", "the largest"),
            ("mean_petal = len(petal_lengths)", "how many"),
        ],
        "long_petals": [
            ("n_long = (petal_lengths > 5)", "a pandas Series"),
            ("n_long = petal_lengths[petal_lengths > 5]", "a pandas Series"),
            ("n_long = (petal_lengths > 50).sum()", "centimetres"),
            ("n_long = (flowers['sepal length (cm)'] > 5).sum()", "another column"),
            ("n_long = len(petal_lengths > 5)", "every flower"),
        ],
        "to_inches": [
            ("def cm_to_inches(cm):\n    return 2.54 / cm", "upside down"),
            ("def cm_to_inches(cm):\n    return cm / 2.5", "2.54"),
            ("def cm_to_inches(cm):\n    return round(cm / 2.54)", "rounds"),
            ("def cm_to_inches():\n    return 1 / 2.54", "takes no argument"),
        ],
    },
    "01": {
        "features_and_labels": [
            ("X = digits\ny = digits.target", "the whole data set"),
            ("X = digits.data\ny = digits.target_names", "the names"),
            ("X = digits.data[:100]\ny = digits.target[:100]", "only"),
        ],
        "split_data": [
            (
                "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.25, "
                "random_state=0)",
                "holds 75% of the images",
            ),
            (
                "X_test, X_train, y_test, y_train = train_test_split(X, y, test_size=0.25, "
                "random_state=0)",
                "swapped",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=25, "
                "random_state=0)",
                "25 images",
            ),
            (
                "X_train, X_test, y_test, y_train = train_test_split(X, y, test_size=0.25, "
                "random_state=0)",
                "in that order",
            ),
        ],
        "fit_model": [
            ("model = KNeighborsClassifier(n_neighbors=5).fit(X_train, y_test)", "match"),
            ("model = KNeighborsClassifier().fit(X_train[:100], y_train[:100])", "rows"),
            ("model = KNeighborsClassifier(n_neighbors=5)\nmodel.fit", "has not been fitted"),
            (
                "from sklearn.tree import DecisionTreeClassifier\n"
                "model = DecisionTreeClassifier().fit(X_train, y_train)",
                "KNeighborsClassifier",
            ),
        ],
        "predict_one": [
            ("prediction = y_test[0]", "the true label"),
            ("prediction = model.predict(X_train[:1])[0]", "training"),
            ("prediction = model.predict", "the method `predict` itself"),
            ("prediction = model.predict(X_test[-1:])[0]", "first test image"),
        ],
        "score_model": [
            ("accuracy = model.score", "the method `score` itself"),
            ("accuracy = model.score(X, y)", "every row"),
            ("accuracy = (model.predict(X_test) == y_test).sum()", "how many"),
            ("accuracy = 1 - model.score(X_test, y_test)", "error rate"),
        ],
        "save_model": [
            ('model_file = "digits-model.skops"', "There is no file"),
            (
                'model_file = "digits-model.skops"\nsio.dump(model, "model.skops")',
                "There is no file",
            ),
            ('sio.dump(model, "digits-model.skops")\nmodel_file = sio', "the file's name"),
        ],
    },
    "02": {
        "flipper_threshold": [
            ("flipper_threshold = 230", "Move it down"),
            ("flipper_threshold = penguins['flipper_length_mm'].mean()", "Move it up"),
            ("flipper_threshold = 'flipper_length_mm'", "a str"),
        ],
        "hand_accuracy": [
            (
                "said_gentoo = penguins['flipper_length_mm'] < flipper_threshold\n"
                "hand_accuracy = (said_gentoo == is_gentoo).mean()",
                "flip",
            ),
            (
                "said_gentoo = penguins['flipper_length_mm'] > flipper_threshold\n"
                "hand_accuracy = (said_gentoo == is_gentoo)",
                "mean",
            ),
            (
                "said_gentoo = penguins['flipper_length_mm'] > 200\n"
                "hand_accuracy = (said_gentoo == is_gentoo).mean()",
                "200",
            ),
        ],
        "stump": [
            ("stump = DecisionTreeClassifier(max_depth=2).fit(X_flipper, y_gentoo)", "max_depth"),
            ("stump = DecisionTreeClassifier", "the class DecisionTreeClassifier itself"),
            (
                "stump = DecisionTreeClassifier(max_depth=1).fit(X_flipper, is_gentoo == False)",
                "labels",
            ),
        ],
        "tree2": [
            (
                "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
                "y_species = penguins['species']\n"
                "tree2 = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X_bill, y_species)",
                "depth",
            ),
            (
                "X_bill = penguins[['bill_length_mm', 'flipper_length_mm']]\n"
                "y_species = penguins['species']\n"
                "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X_bill, y_species)",
                "bill_depth_mm",
            ),
            (
                "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
                "y_species = penguins['species']\n"
                "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0)",
                "not been fitted",
            ),
        ],
        "new_penguin_species": [
            ("new_penguin_species = tree2.predict(X_bill)[0]", "new_penguin"),
            ("new_penguin_species = stump.predict(new_penguin)[0]", "tree2"),
            ("new_penguin_species = 'Gentoo'", "you typed it in"),
        ],
        "train_accuracy_by_depth": [
            (
                "train_accuracy_by_depth = [DecisionTreeClassifier(max_depth=d, random_state=0)"
                ".fit(X_bill, y_species).score(X_bill, y_species) for d in range(1, 9)]",
                "a dict",
            ),
            (
                "train_accuracy_by_depth = {d: DecisionTreeClassifier(max_depth=d, random_state=0)"
                ".fit(X_bill, y_species).score(X_flipper, y_gentoo) for d in range(1, 9)}",
                "X_bill",
            ),
            (
                "train_accuracy_by_depth = {d: DecisionTreeClassifier(max_depth=d, random_state=0)"
                ".fit(X_bill, y_species) for d in range(1, 9)}",
                "accuracy",
            ),
        ],
    },
    "03": {
        "n_penguins": [
            ("n_penguins = 344", "typed the number in"),
            ("n_penguins = penguins.shape[1]", "columns"),
            ("n_penguins = len(penguins.dropna())", "missing"),
        ],
        "bills": [
            ("bills = penguins[['bill_length_mm']]", "bill_depth_mm"),
            ("bills = penguins.bill_length_mm", "a Series"),
            ("bills = penguins.loc[:, 'bill_length_mm':'flipper_length_mm']", "flipper_length_mm"),
        ],
        "chinstraps": [
            ("chinstraps = penguins[penguins['island'] == 'Dream']", "other species"),
            ("chinstraps = penguins.loc[penguins['species'] == 'Chinstrap', 'species']", "Series"),
            ("chinstraps = penguins[penguins['species'] == 'Chinstrap'].head()", "missing from"),
        ],
        "big_dream": [
            (
                "big_dream = penguins[(penguins['island'] == 'Dream') & (penguins['body_mass_g'] < 4000)]",
                "4000 g or less",
            ),
            ("big_dream = penguins[penguins['body_mass_g'] > 4000]", "Dream"),
            (
                "big_dream = penguins[(penguins['island'] == 'Biscoe') & (penguins['body_mass_g'] > 4000)]",
                "Dream",
            ),
        ],
        "heaviest_five": [
            ("heaviest_five = penguins.sort_values('body_mass_g').tail(5)", "heaviest first"),
            (
                "heaviest_five = penguins.sort_values('flipper_length_mm', ascending=False).head(5)",
                "body_mass_g",
            ),
            ("heaviest_five = penguins.sort_values('body_mass_g', ascending=False).head(3)", "5"),
            (
                "heaviest_five = penguins.sort_values('body_mass_g', ascending=False, inplace=True)",
                "None",
            ),
        ],
        "species_counts": [
            ("species_counts = penguins['species'].unique()", "count"),
            ("species_counts = penguins.value_counts()", "species"),
            (
                "species_counts = penguins['species'].value_counts",
                "the method `value_counts` itself",
            ),
            ("species_counts = penguins['species'].nunique()", "how many different species"),
        ],
        "gentoo_mean_flipper": [
            (
                "gentoo_mean_flipper = penguins.groupby('species')['flipper_length_mm'].mean()",
                "Series",
            ),
            (
                "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']['body_mass_g'].mean()",
                "flipper",
            ),
            (
                "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']['flipper_length_mm'].sum()",
                "total",
            ),
        ],
        "missing_per_column": [
            ("missing_per_column = penguins.isna().mean()", "share"),
            ("missing_per_column = penguins.notna().sum()", "non-missing"),
            ("missing_per_column = penguins.isna().any()", "True/False"),
        ],
    },
    "04": {
        "missing_share": [
            ("missing_share = titanic.isna().sum() / len(titanic.columns)", "columns"),
            ("missing_share = titanic.isna().mean().mean()", "single number"),
            ("missing_share = titanic.isnull().sum() / 100", "rows"),
        ],
        "class_clean": [
            ("class_clean = titanic['class'].dropna()", "*"),
            ("class_clean = titanic['class'].str.replace('*', '')", "missing"),
            ("class_clean = titanic['class'].replace('1st', np.nan)", "*"),
        ],
        "class_categorical": [
            ("class_categorical = class_clean.astype(str)", "categor"),
            (
                "class_categorical = class_clean.astype(class_type)\nclass_categorical = class_categorical.cat.codes",
                "not categorical",
            ),
            (
                "class_categorical = class_clean.astype(pd.CategoricalDtype(['1st', '2nd', '3rd']))",
                "ordered",
            ),
        ],
        "age_filled": [
            (
                "age_filled = passengers['age'].fillna(passengers['age'].mode()[0])",
                "not with the median",
            ),
            ("age_filled = passengers['age'].fillna(method='ffill')", "median"),
            (
                "age_filled = passengers['age'].fillna(passengers['age'].median()).round()",
                "changed some of the recorded ages",
            ),
            ("age_filled = passengers.fillna(passengers['age'].median())", "DataFrame"),
        ],
        "survival_by_sex": [
            (
                "survival_by_sex = passengers.groupby('sex')['survived'].count()",
                "numbers of passengers",
            ),
            ("survival_by_sex = passengers['survived'].mean()", "single number"),
            ("survival_by_sex = passengers.groupby('sex')[['survived']].mean()", "DataFrame"),
            ("survival_by_sex = passengers.groupby('sex')['age'].mean()", "survived"),
        ],
        "survival_table": [
            (
                "survival_table = passengers.pivot_table(index='class', columns='sex', "
                "values='age', aggfunc='mean', observed=True)",
                "survived",
            ),
            (
                "survival_table = passengers.pivot_table(index='class', columns='sex', "
                "values='survived', aggfunc='count', observed=True)",
                "count",
            ),
            (
                "survival_table = passengers.pivot_table(index='class', values='survived', "
                "aggfunc='mean', observed=True)",
                "sex",
            ),
        ],
        "survival_by_age_group": [
            (
                "age_group = pd.cut(passengers['age'], bins=age_bins, labels=age_labels)\n"
                "survival_by_age_group = passengers.groupby(age_group, observed=True)['survived'].sum()",
                "numbers of survivors",
            ),
            (
                "age_group = pd.cut(passengers['age'], bins=4, labels=age_labels)\n"
                "survival_by_age_group = passengers.groupby(age_group, observed=True)['survived'].mean()",
                "age_bins",
            ),
            (
                "age_group = pd.cut(passengers['age'], bins=age_bins, labels=age_labels)\n"
                "survival_by_age_group = age_group.value_counts()",
                "survived",
            ),
        ],
    },
    "05": {
        "split_data": [
            (
                # the default test_size is 0.25: right; shuffle=False is the mistake here
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
                "shuffle=False)",
                "shuffle",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=1)",
                "random_state=0",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(X.values, y.values, test_size=0.25, random_state=0)",
                "DataFrame",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(cancer, y, test_size=0.25, random_state=0)",
                "diagnosis",
            ),
        ],
        "baseline": [
            (
                "baseline = DummyClassifier().fit(X_test, y_test)\n"
                "baseline_score = baseline.score(X_test, y_test)",
                "test rows",
            ),
            (
                "baseline = DummyClassifier().fit(X_train, y_train)\n"
                "baseline_score = baseline.score(X_test, y_test) * 100",
                "percentage",
            ),
            (
                "baseline = DummyClassifier().fit(X_train, y_train)\n"
                "baseline_score = baseline.score",
                "the method `score` itself",
            ),
        ],
        "tree_scores": [
            (
                "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
                "tree_train_score = tree.score(X_test, y_test)\n"
                "tree_test_score = tree.score(X_test, y_test)",
                "`tree_train_score` is",
            ),
            (
                "tree = DecisionTreeClassifier(random_state=0).fit(X_test, y_test)\n"
                "tree_train_score = tree.score(X_train, y_train)\n"
                "tree_test_score = tree.score(X_test, y_test)",
                "test rows",
            ),
            (
                "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
                "tree_train_score = tree.score(X_train, y_train)\n"
                "tree_test_score = tree.score(X, y)",
                "every row",
            ),
        ],
        "choose_depth": [
            (
                "scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train)"
                ".score(X_train, y_train) for d in depths]\n"
                "best_depth = depths[int(np.argmax(scores))]",
                "training rows",
            ),
            (
                "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=0)\n"
                "scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit)"
                ".score(X_val, y_val) for d in depths]\n"
                "best_depth = int(np.argmax(scores))",
                "position",
            ),
            ("best_depth = max(depths)", "deepest"),
        ],
        "scale_after_split": [
            (
                "scaler = StandardScaler().fit(X_test)\n"
                "X_train_scaled = scaler.transform(X_train)\n"
                "X_test_scaled = scaler.transform(X_test)",
                "test rows",
            ),
            (
                "scaler = StandardScaler().fit(X_train)\n"
                "X_train_scaled = scaler.fit_transform(X_train)\n"
                "X_test_scaled = scaler.fit_transform(X_test)",
                "fit on the test rows",
            ),
            (
                "scaler = StandardScaler().fit(X_train)\n"
                "X_train_scaled = scaler.transform(X_train)\n"
                "X_test_scaled = X_test",
                "not scaled",
            ),
        ],
        "knn_pipeline": [
            (
                "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_train, y_train)\n"
                "knn_test_score = knn_model.score(X_test, y_test) * 100",
                "percentage",
            ),
            (
                "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_test, y_test)\n"
                "knn_test_score = knn_model.score(X_test, y_test)",
                "test rows",
            ),
            (
                "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())\n"
                "knn_test_score = knn_model.fit(X_train, y_train).score(X_train, y_train)",
                "training rows",
            ),
        ],
    },
    "06": {
        "fix_class_names": [
            (
                'class_fixes = {"versicolor": "Iris-versicolor"}\n'
                'iris["class"] = iris["class"].replace(class_fixes)',
                "Iris-setossa",
            ),
            (
                'class_fixes = {"versicolor": "Iris-versicolor", "Iris-setossa": "Iris-setosa"}\n'
                'iris["class"].replace(class_fixes)',
                "has not been applied",
            ),
            (
                'class_fixes = {"Iris-setossa": "Iris-setosa"}\n'
                'iris["class"] = iris["class"].replace(class_fixes)',
                "versicolor",
            ),
        ],
        "fix_units": [
            (
                'in_metres = iris["sepal_length_cm"] < 1\niris.loc[in_metres, "sepal_length_cm"] /= 100',
                "divid",
            ),
            (
                'in_metres = iris["sepal_length_cm"] < 1\niris["sepal_length_cm"][in_metres] *= 100',
                "would change a copy",
            ),
            (
                'in_metres = iris["sepal_length_cm"] < 10\niris.loc[in_metres, "sepal_length_cm"] *= 100',
                "Every row changed",
            ),
        ],
        "split_data": [
            (
                'X = iris.drop(columns="class")\ny = iris["class"]\n'
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)",
                "stratify",
            ),
            (
                'X = iris.drop(columns="class")\ny = iris[["class"]]\n'
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)",
                "Series",
            ),
            (
                'X = iris.drop(columns="class")\ny = iris["class"]\n'
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y, random_state=0)",
                "50%",
            ),
        ],
        "build_pipeline": [
            ("model = make_pipeline(SimpleImputer(strategy='median'))", "classifier"),
            ("model = SimpleImputer(strategy='median')", "classifier"),
            (
                "model = make_pipeline(SimpleImputer(strategy='median'), KNeighborsClassifier()).fit",
                "the method `fit` itself",
            ),
            ("model = [SimpleImputer(strategy='median'), KNeighborsClassifier()]", "a list"),
        ],
        "cross_validate": [
            ("cv_scores = cross_val_score(model, X_train, y_train, cv=5).mean()", "single number"),
            ("cv_scores = cross_val_score(model, X_train, y_test, cv=5)", "Found input variables"),
            (
                "cv_scores = cross_val_score(KNeighborsClassifier(), X_train.fillna(0), y_train, cv=5)",
                "model",
            ),
        ],
        "baseline": [
            ("baseline_scores = cross_val_score(DummyClassifier(), X, y, cv=5)", "test"),
            (
                "baseline_scores = cross_val_score(DummyClassifier(), X_train, y_train, cv=3)",
                "cv=5",
            ),
            (
                "baseline_scores = cross_val_score(DummyClassifier(), X_train, y_train, cv=5).mean()",
                "single number",
            ),
        ],
        "final_score": [
            ("model.fit(X_test, y_test)\ntest_score = model.score(X_test, y_test)", "test rows"),
            ("model.fit(X, y)\ntest_score = model.score(X_test, y_test)", "every row"),
            ("model.fit(X_train, y_train)\ntest_score = model.score", "the method `score` itself"),
            ("test_score = baseline_scores.mean()", "baseline"),
        ],
        "reflection": [
            (
                "beats_baseline = np.mean(cv_scores) < np.mean(baseline_scores)\n"
                "one_flower = 1 / len(y_test)\n"
                'next_step = "Try other models and compare them with cross-validation."',
                "Compare",
            ),
            (
                "beats_baseline = True\none_flower = 1 / len(y_train)\n"
                'next_step = "Try other models and compare them with cross-validation."',
                "training",
            ),
            (
                "beats_baseline = True\none_flower = 1 / len(y_test)\nnext_step = ''",
                "sentence",
            ),
        ],
    },
}

ALTERNATIVES: dict[str, dict[str, list[str]]] = {
    "00": {
        "first_answer": ["answer = 7 * 6", "answer = 6 * 7.0"],
        "count_rows": ["n_flowers = flowers.shape[0]", "n_flowers = len(flowers.index)"],
        "mean_petal": [
            "mean_petal = petal_lengths.sum() / len(petal_lengths)",
            "import numpy as np\nmean_petal = np.mean(petal_lengths)",
        ],
        "long_petals": [
            "n_long = int((petal_lengths > 5).sum())",
            "n_long = len(petal_lengths[petal_lengths > 5])",
        ],
        "to_inches": [
            "def cm_to_inches(cm):\n    inches = cm / 2.54\n    return inches",
            "cm_to_inches = lambda cm: cm / 2.54",
        ],
    },
    "01": {
        "features_and_labels": ["X, y = digits.data, digits.target"],
        "split_data": [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.75, random_state=0)",
        ],
        "fit_model": ["model = KNeighborsClassifier().fit(X_train, y_train)"],
        "predict_one": [
            "prediction = int(model.predict(X_test[:1])[0])",
            "prediction = model.predict([X_test[0]])[0]",
        ],
        "score_model": ["accuracy = (model.predict(X_test) == y_test).mean()"],
        "save_model": ['model_file = "digits-model.skops"\nsio.dump(model, file=model_file)'],
    },
    "02": {
        "flipper_threshold": ["flipper_threshold = 205.5", "flipper_threshold = 207"],
        "hand_accuracy": [
            "hand_accuracy = ((penguins['flipper_length_mm'] > flipper_threshold) == is_gentoo).mean()"
        ],
        "stump": [
            "stump = DecisionTreeClassifier(max_depth=1, random_state=0)\nstump.fit(X_flipper, y_gentoo)"
        ],
        "tree2": [
            "X_bill = penguins.loc[:, ['bill_length_mm', 'bill_depth_mm']]\ny_species = penguins.species\n"
            "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0)\ntree2.fit(X_bill, y_species)"
        ],
        "new_penguin_species": ["new_penguin_species = str(tree2.predict(new_penguin)[0])"],
        "train_accuracy_by_depth": [
            "train_accuracy_by_depth = {d: DecisionTreeClassifier(max_depth=d, random_state=0)"
            ".fit(X_bill, y_species).score(X_bill, y_species) for d in range(1, 9)}"
        ],
    },
    "03": {
        "n_penguins": ["n_penguins = penguins.shape[0]"],
        "bills": ["bills = penguins.loc[:, ['bill_length_mm', 'bill_depth_mm']]"],
        "chinstraps": [
            "chinstraps = penguins.query('species == \"Chinstrap\"')",
            "chinstraps = penguins.loc[penguins.species == 'Chinstrap']",
        ],
        "big_dream": ["big_dream = penguins.query('island == \"Dream\" and body_mass_g > 4000')"],
        "heaviest_five": ["heaviest_five = penguins.nlargest(5, 'body_mass_g')"],
        "species_counts": ["species_counts = penguins.groupby('species').size()"],
        "gentoo_mean_flipper": [
            "gentoo_mean_flipper = penguins.groupby('species')['flipper_length_mm'].mean()['Gentoo']",
            "gentoo_mean_flipper = penguins.loc[penguins.species == 'Gentoo', 'flipper_length_mm'].mean()",
        ],
        "missing_per_column": ["missing_per_column = penguins.isnull().sum()"],
    },
    "04": {
        "missing_share": ["missing_share = titanic.isna().sum() / len(titanic)"],
        "class_clean": [
            "class_clean = titanic['class'].replace({'*': np.nan})",
            "class_clean = titanic['class'].where(titanic['class'] != '*')",
        ],
        "class_categorical": [
            "class_categorical = pd.Series(pd.Categorical(class_clean, categories=['1st', '2nd', '3rd'], ordered=True), index=class_clean.index, name=class_clean.name)"
        ],
        "age_filled": [
            "median_age = passengers['age'].median()\nage_filled = passengers['age'].fillna(median_age)"
        ],
        "survival_by_sex": ["survival_by_sex = passengers.groupby('sex')['survived'].agg('mean')"],
        "survival_table": [
            "survival_table = passengers.groupby(['class', 'sex'], observed=True)['survived'].mean().unstack()"
        ],
        "survival_by_age_group": [
            "survival_by_age_group = passengers.groupby(pd.cut(passengers['age'], bins=age_bins, labels=age_labels), observed=True)['survived'].mean()"
        ],
    },
    "05": {
        "split_data": [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.75, random_state=0)"
        ],
        "baseline": [
            "baseline = DummyClassifier(strategy='most_frequent')\nbaseline.fit(X_train, y_train)\nbaseline_score = baseline.score(X_test, y_test)"
        ],
        "tree_scores": [
            "tree = DecisionTreeClassifier(random_state=0)\ntree.fit(X_train, y_train)\n"
            "tree_train_score = tree.score(X_train, y_train)\ntree_test_score = tree.score(X_test, y_test)"
        ],
        "choose_depth": [
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=0)\n"
            "val_scores = {d: DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit).score(X_val, y_val) for d in depths}\n"
            "best_depth = max(depths, key=lambda d: (val_scores[d], -d))"
        ],
        "scale_after_split": [
            "scaler = StandardScaler()\nX_train_scaled = scaler.fit_transform(X_train)\nX_test_scaled = scaler.transform(X_test)"
        ],
        "knn_pipeline": [
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())\nknn_model.fit(X_train, y_train)\n"
            "knn_test_score = knn_model.score(X_test, y_test)"
        ],
    },
    "06": {
        "fix_class_names": [
            'class_fixes = {"Iris-setossa": "Iris-setosa", "versicolor": "Iris-versicolor"}\n'
            'iris = iris.replace({"class": class_fixes})'
        ],
        "fix_units": [
            'in_metres = iris.sepal_length_cm < 1\niris.loc[in_metres, "sepal_length_cm"] *= 100'
        ],
        "split_data": [
            'X = iris.drop("class", axis=1)\ny = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=42)"
        ],
        "build_pipeline": [
            "model = make_pipeline(SimpleImputer(), KNeighborsClassifier())",
            "from sklearn.pipeline import Pipeline\nmodel = Pipeline([('impute', SimpleImputer(strategy='median')), ('knn', KNeighborsClassifier())])",
        ],
        "cross_validate": [
            "cv_scores = cross_val_score(model, X_train, y_train, cv=5, scoring='accuracy')"
        ],
        "baseline": [
            "baseline_scores = cross_val_score(DummyClassifier(strategy='most_frequent'), X_train, y_train, cv=5)"
        ],
        "final_score": [
            "model = model.fit(X_train, y_train)\ntest_score = model.score(X_test, y_test)"
        ],
        "reflection": [
            "beats_baseline = np.mean(cv_scores) > np.mean(baseline_scores)\none_flower = 1 / y_test.shape[0]\n"
            'next_step = "I would try a few other models and keep the test rows for the very end."'
        ],
    },
}
